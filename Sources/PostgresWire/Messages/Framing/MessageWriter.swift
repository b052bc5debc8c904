/// Builds frontend messages into one contiguous byte array, ready for a single write.
///
/// Several messages can be appended back to back (Parse, Bind, Describe, Execute, Sync go out in one
/// write); each message's length field is patched when the message is finished.
public struct MessageWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8]
    private var lengthOffset: Int?

    /// Creates an empty writer with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts a message with a type byte; its length is filled in by ``finishMessage()``.
    public mutating func beginMessage(_ type: UInt8) {
        bytes.append(type)
        beginUntypedMessage()
    }

    /// Starts a message without a type byte (StartupMessage, SSLRequest, CancelRequest).
    public mutating func beginUntypedMessage() {
        precondition(lengthOffset == nil, "a message is already open")
        lengthOffset = bytes.count
        writeInt32(0)
    }

    /// Patches the open message's length field (which counts itself but not the type byte).
    public mutating func finishMessage() {
        guard let start = lengthOffset else { preconditionFailure("no message is open") }
        let length = UInt32(bytes.count - start)
        bytes[start] = UInt8(truncatingIfNeeded: length >> 24)
        bytes[start + 1] = UInt8(truncatingIfNeeded: length >> 16)
        bytes[start + 2] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[start + 3] = UInt8(truncatingIfNeeded: length)
        lengthOffset = nil
    }

    /// Appends one byte.
    public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    /// Appends a big-endian 16-bit integer.
    public mutating func writeInt16(_ value: Int16) {
        let bits = UInt16(bitPattern: value)
        bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        bytes.append(UInt8(truncatingIfNeeded: bits))
    }

    /// Appends a big-endian 32-bit integer.
    public mutating func writeInt32(_ value: Int32) { writeUInt32(UInt32(bitPattern: value)) }

    /// Appends a big-endian 32-bit unsigned integer.
    public mutating func writeUInt32(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a string and its terminating NUL.
    ///
    /// A NUL inside the string would silently truncate it on the server side, so callers validate
    /// user input with ``FrontendMessageError`` before encoding.
    public mutating func writeCString(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        bytes.append(0)
    }

    /// Appends raw bytes.
    public mutating func writeBytes(_ value: some Sequence<UInt8>) { bytes.append(contentsOf: value) }

    /// Appends a 32-bit length followed by the bytes, or -1 for NULL.
    public mutating func writeLengthPrefixed(_ value: [UInt8]?) {
        guard let value else { writeInt32(-1); return }
        writeInt32(Int32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Empties the writer, keeping its storage for reuse.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lengthOffset = nil
    }
}
