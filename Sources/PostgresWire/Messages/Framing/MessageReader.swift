/// Reads big-endian protocol fields from a borrowed message body, in place.
///
/// Every read checks the remaining length first and throws a protocol-violation error instead of
/// reading past the end, so a truncated or lying message can never crash the client.
public struct MessageReader {
    /// The bytes being read; valid only as long as the buffer they point into.
    public let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    public private(set) var offset: Int = 0
    /// What is being decoded, for error messages ("DataRow", "RowDescription").
    let context: StaticString

    /// Creates a reader over `bytes`; `context` names the message in errors.
    public init(_ bytes: UnsafeRawBufferPointer, context: StaticString) {
        self.bytes = bytes
        self.context = context
    }

    /// The number of bytes not read yet.
    @inlinable public var remaining: Int { bytes.count - offset }

    func truncated(_ needed: Int) -> ClientError {
        ClientError(.protocolViolation, "\(context) message truncated: needed \(needed) more byte(s), \(remaining) left")
    }

    /// Reads one byte.
    public mutating func readUInt8() throws -> UInt8 {
        guard remaining >= 1 else { throw truncated(1) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a big-endian 16-bit signed integer.
    public mutating func readInt16() throws -> Int16 {
        guard remaining >= 2 else { throw truncated(2) }
        defer { offset += 2 }
        return Int16(bitPattern: bytes.loadBigEndianUInt16(at: offset))
    }

    /// Reads a big-endian 32-bit signed integer.
    public mutating func readInt32() throws -> Int32 {
        Int32(bitPattern: try readUInt32())
    }

    /// Reads a big-endian 32-bit unsigned integer.
    public mutating func readUInt32() throws -> UInt32 {
        guard remaining >= 4 else { throw truncated(4) }
        defer { offset += 4 }
        return bytes.loadBigEndianUInt32(at: offset)
    }

    /// Reads a NUL-terminated string (decoded as UTF-8, invalid sequences repaired).
    public mutating func readCString() throws -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else {
            throw ClientError(.protocolViolation, "\(context) message has a string without its terminating NUL byte")
        }
        let string = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        offset = end + 1
        return string
    }

    /// Returns a view of the next `count` bytes without copying them.
    public mutating func readView(count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0 else {
            throw ClientError(.protocolViolation, "\(context) message announces a negative length (\(count))")
        }
        guard remaining >= count else { throw truncated(count) }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// Copies the next `count` bytes out.
    public mutating func readBytes(count: Int) throws -> [UInt8] {
        Array(try readView(count: count))
    }

    /// Copies everything not read yet.
    public mutating func readRemainingBytes() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
    }

    /// Throws unless the whole body was consumed: trailing bytes mean the message is not what it claims.
    public func expectEnd() throws {
        guard remaining == 0 else {
            throw ClientError(.protocolViolation, "\(context) message has \(remaining) unexpected trailing byte(s)")
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Loads a big-endian `UInt16` at a byte offset with no alignment requirement.
    @inlinable func loadBigEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// Loads a big-endian `UInt32` at a byte offset with no alignment requirement.
    @inlinable func loadBigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
