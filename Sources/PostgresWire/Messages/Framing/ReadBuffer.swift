/// The connection's receive buffer: bytes arrive at the end, complete messages are framed in place at the front.
///
/// Messages are never copied out of it on the hot path: a frame's body is a view into this storage,
/// valid until the next ``prepareForWrite(minimumFree:)``. The buffer grows only as bytes actually
/// arrive (so a server announcing a 1 GiB message cannot make us reserve 1 GiB up front) and shrinks
/// back after an unusually large message, keeping memory flat across long results.
final class ReadBuffer {
    private(set) var storage: UnsafeMutableRawPointer
    private(set) var capacity: Int
    private(set) var readIndex = 0
    private(set) var writeIndex = 0
    let preferredCapacity: Int

    /// Creates a buffer of `capacity` bytes (64 KiB reads amortise system calls well on loopback and LANs).
    init(capacity: Int = 128 * 1024) {
        preferredCapacity = capacity
        self.capacity = capacity
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Bytes received and not yet consumed.
    var readableBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + readIndex, count: writeIndex - readIndex)
    }

    /// Makes room for at least `minimumFree` bytes after the received ones and returns that free space.
    ///
    /// Moves unconsumed bytes to the front first; grows (doubling) only when they fill the buffer.
    /// Invalidates every view previously handed out.
    func prepareForWrite(minimumFree: Int = 16 * 1024) -> UnsafeMutableRawBufferPointer {
        let pending = writeIndex - readIndex
        if readIndex > 0 {
            if pending > 0 { (storage).copyMemory(from: storage + readIndex, byteCount: pending) }
            readIndex = 0
            writeIndex = pending
        }
        var wanted = capacity
        while wanted - pending < minimumFree { wanted *= 2 }
        // After a large message has been consumed, return to the preferred size.
        if pending < preferredCapacity / 2, capacity > preferredCapacity * 4 { wanted = preferredCapacity }
        if wanted != capacity { resize(to: wanted, keeping: pending) }
        return UnsafeMutableRawBufferPointer(start: storage + writeIndex, count: capacity - writeIndex)
    }

    /// Records that `count` bytes were written into the space ``prepareForWrite(minimumFree:)`` returned.
    func didWrite(_ count: Int) {
        precondition(count >= 0 && writeIndex + count <= capacity)
        writeIndex += count
    }

    /// Appends bytes (tests and transcripts).
    func append(_ bytes: some Collection<UInt8>) {
        let space = prepareForWrite(minimumFree: bytes.count)
        _ = space.initializeMemory(as: UInt8.self, from: bytes)
        didWrite(bytes.count)
    }

    /// Marks `count` bytes at the front as consumed.
    func consume(_ count: Int) {
        precondition(count >= 0 && readIndex + count <= writeIndex)
        readIndex += count
        if readIndex == writeIndex {
            readIndex = 0
            writeIndex = 0
        }
    }

    /// Whether every received byte has been consumed.
    var isEmpty: Bool { readIndex == writeIndex }

    private func resize(to newCapacity: Int, keeping pending: Int) {
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if pending > 0 { newStorage.copyMemory(from: storage, byteCount: pending) }
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}
