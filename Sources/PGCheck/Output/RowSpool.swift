#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A write-once, read-once store of cell values: what aligned output keeps between measuring every
/// row and printing the first one.
///
/// Values stay in memory up to `memoryLimit` bytes; beyond that everything moves to a temporary file
/// that is unlinked as soon as it is created (nothing is left behind, whatever happens to the
/// process). Memory is therefore bounded by the limit plus one read buffer, whatever the row count.
final class RowSpool {
    private var memory: [UInt8] = []
    private let memoryLimit: Int
    private var descriptor: Int32 = -1
    private var written = 0

    /// Creates an empty spool.
    init(memoryLimit: Int = 4 * 1024 * 1024) {
        self.memoryLimit = memoryLimit
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends one cell: nil for NULL.
    func append(_ value: UnsafeRawBufferPointer?) throws {
        var header = UInt32.max
        if let value { header = UInt32(value.count) }
        try withUnsafeBytes(of: header.littleEndian) { try append(raw: $0) }
        if let value { try append(raw: value) }
    }

    private func append(raw bytes: UnsafeRawBufferPointer) throws {
        if memory.count + bytes.count > memoryLimit { try spill() }
        memory.append(contentsOf: bytes)
    }

    /// Moves the in-memory part to the temporary file.
    private func spill() throws {
        if descriptor < 0 { descriptor = try Self.makeAnonymousFile() }
        var offset = 0
        while offset < memory.count {
            let count = memory.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError.system("cannot write the temporary spool file for aligned output")
            }
            offset += count
        }
        written += memory.count
        memory.removeAll(keepingCapacity: true)
    }

    /// A reader over everything appended, from the start. Call once, after the last append.
    func reader() throws -> Reader {
        guard descriptor >= 0 else { return Reader(memory: memory) }
        try spill()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw OutputError.system("cannot rewind the temporary spool file") }
        return Reader(descriptor: descriptor)
    }

    /// A file in the temporary folder with no name: unlinked right after creation.
    private static func makeAnonymousFile() throws -> Int32 {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/pgcheck-spool-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw OutputError.system("cannot create a temporary spool file in \(folder) (set TMPDIR to a writable folder)") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }

    /// Reads cells back in the order they were appended.
    final class Reader {
        private var buffer: [UInt8]
        private var position = 0
        private var end: Int
        private let descriptor: Int32
        private var cell: [UInt8] = []

        fileprivate init(memory: [UInt8]) {
            buffer = memory
            end = memory.count
            descriptor = -1
        }

        fileprivate init(descriptor: Int32) {
            buffer = [UInt8](repeating: 0, count: 256 * 1024)
            end = 0
            self.descriptor = descriptor
        }

        /// The next cell, lent to `body` (nil for NULL).
        func next<R>(_ body: (UnsafeRawBufferPointer?) throws -> R) throws -> R {
            var header: UInt32 = 0
            try withUnsafeMutableBytes(of: &header) { try read(into: $0) }
            let length = UInt32(littleEndian: header)
            guard length != UInt32.max else { return try body(nil) }
            let count = Int(length)
            if end - position >= count {
                defer { position += count }
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[position..<(position + count)])) }
            }
            if cell.count < count { cell = [UInt8](repeating: 0, count: count) }
            try cell.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count])) }
            return try cell.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }

        private func read(into target: UnsafeMutableRawBufferPointer) throws {
            var filled = 0
            while filled < target.count {
                if position == end { try refill() }
                let take = min(end - position, target.count - filled)
                buffer.withUnsafeBytes { source in
                    target.baseAddress!.advanced(by: filled).copyMemory(from: source.baseAddress!.advanced(by: position), byteCount: take)
                }
                position += take
                filled += take
            }
        }

        private func refill() throws {
            guard descriptor >= 0 else { throw OutputError("the aligned-output spool ended early") }
            while true {
                let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw OutputError.system("cannot read the temporary spool file back") }
                position = 0
                end = count
                return
            }
        }
    }
}

/// The C library's read(2), named apart from the reader's own `read` method.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
