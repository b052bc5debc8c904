#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PGSupport

/// A buffered byte writer on a file descriptor: standard output, an ``PGSupport/AtomicFile``, or any open file.
///
/// Sinks write many small pieces (a field, a separator); buffering turns them into few, large system
/// calls. Nothing reaches the descriptor until the buffer fills or ``flush()`` is called.
///
/// The buffer and its counters live behind pointers rather than in stored `var`s: a class's mutable
/// stored properties are checked for exclusive access at run time on every write, which for a
/// sink writing a dozen pieces per row cost more than the writing itself.
public final class OutputWriter {
    private let descriptor: Int32
    private let name: String
    private let storage: UnsafeMutableRawPointer
    private let capacity: Int
    private let counters: UnsafeMutablePointer<Counters>

    private struct Counters {
        /// Bytes in the buffer, not yet written to the descriptor.
        var buffered = 0
        /// Bytes accepted so far (written or still buffered).
        var accepted = 0
    }

    /// Bytes accepted so far (written or still buffered).
    public var bytesWritten: Int { counters.pointee.accepted }

    /// Creates a writer on an open descriptor; `name` says what it is in error messages ("standard output", a path).
    public init(descriptor: Int32, name: String, bufferSize: Int = 256 * 1024) {
        self.descriptor = descriptor
        self.name = name
        capacity = max(bufferSize, 256)
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        counters = UnsafeMutablePointer<Counters>.allocate(capacity: 1)
        counters.initialize(to: Counters())
    }

    deinit {
        storage.deallocate()
        counters.deinitialize(count: 1)
        counters.deallocate()
    }

    /// A writer on standard output.
    public static func standardOutput() -> OutputWriter {
        OutputWriter(descriptor: STDOUT_FILENO, name: "standard output")
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        let count = bytes.count
        guard count > 0 else { return }
        if counters.pointee.buffered + count > capacity {
            try flush()
            if count >= capacity {
                try writeThrough(bytes)
                counters.pointee.accepted += count
                return
            }
        }
        (storage + counters.pointee.buffered).copyMemory(from: bytes.baseAddress!, byteCount: count)
        counters.pointee.buffered += count
        counters.pointee.accepted += count
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends bytes.
    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ string: String) throws {
        var copy = string
        try copy.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends one byte.
    @inline(__always) public func write(byte: UInt8) throws {
        if counters.pointee.buffered >= capacity { try flush() }
        storage.storeBytes(of: byte, toByteOffset: counters.pointee.buffered, as: UInt8.self)
        counters.pointee.buffered += 1
        counters.pointee.accepted += 1
    }

    /// Appends `count` copies of `byte` (padding).
    public func write(repeating byte: UInt8, count: Int) throws {
        var remaining = count
        while remaining > 0 {
            if counters.pointee.buffered >= capacity { try flush() }
            let step = min(remaining, capacity - counters.pointee.buffered)
            (storage + counters.pointee.buffered).initializeMemory(as: UInt8.self, repeating: byte, count: step)
            counters.pointee.buffered += step
            counters.pointee.accepted += step
            remaining -= step
        }
    }

    /// Sends everything buffered to the descriptor.
    public func flush() throws {
        let buffered = counters.pointee.buffered
        guard buffered > 0 else { return }
        counters.pointee.buffered = 0
        try writeThrough(UnsafeRawBufferPointer(start: storage, count: buffered))
    }

    private func writeThrough(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.system("cannot write to \(name)")
            }
            offset += written
        }
    }
}

/// The C library's write(2), named apart from the writer's own `write` methods.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

extension OutputWriter {
    /// A writer on `file`'s temporary file; ``commit(_:)`` flushes it and puts the file in place.
    public convenience init(file: AtomicFile) {
        self.init(descriptor: file.descriptor, name: file.path)
    }

    /// Flushes what is buffered into `file` and commits it: the file appears whole.
    public func commit(_ file: AtomicFile) throws {
        try flush()
        try file.commit()
    }
}
