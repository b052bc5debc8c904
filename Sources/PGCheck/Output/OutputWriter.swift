#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte writer on a file descriptor: standard output, an ``AtomicOutputFile``, or any open file.
///
/// Sinks write many small pieces (a field, a separator); buffering turns them into few system calls.
/// Nothing reaches the descriptor until the buffer fills or ``flush()`` is called.
public final class OutputWriter {
    private let descriptor: Int32
    private let name: String
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// Bytes accepted so far (written or still buffered).
    public private(set) var bytesWritten = 0

    /// Creates a writer on an open descriptor; `name` says what it is in error messages ("standard output", a path).
    public init(descriptor: Int32, name: String, bufferSize: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.name = name
        capacity = max(bufferSize, 256)
        buffer.reserveCapacity(capacity)
    }

    /// A writer on standard output.
    public static func standardOutput() -> OutputWriter {
        OutputWriter(descriptor: STDOUT_FILENO, name: "standard output")
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        bytesWritten += bytes.count
        if buffer.count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity {
                try writeThrough(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
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
        if buffer.count >= capacity { try flush() }
        buffer.append(byte)
        bytesWritten += 1
    }

    /// Appends `count` copies of `byte` (padding).
    public func write(repeating byte: UInt8, count: Int) throws {
        guard count > 0 else { return }
        if buffer.count + count > capacity { try flush() }
        if count >= capacity {
            for _ in 0..<count { try write(byte: byte) }
            return
        }
        buffer.append(contentsOf: repeatElement(byte, count: count))
        bytesWritten += count
    }

    /// Sends everything buffered to the descriptor.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { try writeThrough($0) }
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
