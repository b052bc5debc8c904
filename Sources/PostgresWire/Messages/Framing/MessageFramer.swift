/// One backend message located in a buffer: its type byte and a view of its body.
public struct MessageFrame {
    /// The message type byte.
    public let type: UInt8
    /// The body (after the length field); a view valid only until the buffer changes.
    public let body: UnsafeRawBufferPointer
    /// Type byte + length field + body: how much to consume once handled.
    public var wireLength: Int { body.count + 5 }
}

/// Finds complete backend messages at the front of received bytes and checks their length fields.
///
/// Pure: it only looks at the bytes it is given.
public struct MessageFramer: Sendable {
    /// The largest message of a type that may be long (rows, copy data, errors). PostgreSQL itself
    /// cannot send a field over 1 GiB.
    public var maximumLongMessage: Int
    /// The largest message of any other type; libpq uses the same 30,000-byte rule to catch corruption early.
    public var maximumShortMessage: Int

    /// Creates a framer with these limits.
    public init(maximumLongMessage: Int = 1 << 30, maximumShortMessage: Int = 30_000) {
        self.maximumLongMessage = maximumLongMessage
        self.maximumShortMessage = maximumShortMessage
    }

    /// The first complete message in `bytes`, or nil if more bytes are needed.
    ///
    /// - Throws: ``ClientError`` (`.protocolViolation`) for a length below 4 or above the limit for its type.
    public func nextFrame(in bytes: UnsafeRawBufferPointer) throws -> MessageFrame? {
        guard bytes.count >= 5 else { return nil }
        let type = bytes[0]
        let length = Int(Int32(bitPattern: bytes.loadBigEndianUInt32(at: 1)))
        guard length >= 4 else {
            throw ClientError(.protocolViolation, "server sent message \(BackendMessageType.describe(type)) with an invalid length \(length)")
        }
        let limit = BackendMessageType.mayBeLong(type) ? maximumLongMessage : maximumShortMessage
        guard length - 4 <= limit else {
            throw ClientError(.protocolViolation, "server announced a \(length)-byte message \(BackendMessageType.describe(type)), over the \(limit)-byte limit for that type; the connection is corrupt or the server is not PostgreSQL")
        }
        guard bytes.count >= length + 1 else { return nil }
        return MessageFrame(type: type, body: UnsafeRawBufferPointer(rebasing: bytes[5..<(length + 1)]))
    }
}
