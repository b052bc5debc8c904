/// A growable run of bytes that the server-text renderers write into: reused value after value, so
/// rendering a column allocates nothing once the buffer has grown to the widest value seen.
///
/// A plain struct over manually managed memory (no copy-on-write, no exclusivity checks at run time):
/// its owner calls ``free()`` exactly once, and never copies it while it is in use.
struct TextBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Releases the memory; the buffer must not be used afterwards.
    func free() { base.deallocate() }

    /// Forgets the contents, keeping the memory.
    @inline(__always) mutating func removeAll() { count = 0 }

    /// The bytes written so far.
    @inline(__always) var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for `extra` more bytes and returns where they go; call ``advance(by:)`` with what was written.
    @inline(__always) mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if count &+ extra > capacity { grow(to: count + extra) }
        return base + count
    }

    /// Counts `written` bytes put where ``reserve(_:)`` pointed.
    @inline(__always) mutating func advance(by written: Int) { count &+= written }

    /// Appends one byte.
    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count &+= 1
    }

    /// Appends bytes.
    @inline(__always) mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let target = reserve(bytes.count)
        UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: bytes.count)
        count &+= bytes.count
    }

    /// Appends a static ASCII string.
    @inline(__always) mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Drops bytes from the end back to `newCount`.
    @inline(__always) mutating func truncate(to newCount: Int) { count = min(count, newCount) }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
