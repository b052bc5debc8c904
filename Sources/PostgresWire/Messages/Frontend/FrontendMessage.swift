/// A message the client sends. Encoding is a pure function of the value: no I/O.
public protocol FrontendMessage: Sendable {
    /// Appends the complete message (type byte, length, body) to `writer`.
    func encode(into writer: inout MessageWriter)
}

extension FrontendMessage {
    /// The message alone, as bytes: convenient for tests and one-off writes.
    public var encodedBytes: [UInt8] {
        var writer = MessageWriter()
        encode(into: &writer)
        return writer.bytes
    }
}

/// The frontend message type bytes, named.
enum FrontendMessageType {
    static let bind = UInt8(ascii: "B")
    static let close = UInt8(ascii: "C")
    static let copyDone = UInt8(ascii: "c")
    static let copyFail = UInt8(ascii: "f")
    static let describe = UInt8(ascii: "D")
    static let execute = UInt8(ascii: "E")
    static let flush = UInt8(ascii: "H")
    static let parse = UInt8(ascii: "P")
    static let password = UInt8(ascii: "p")
    static let query = UInt8(ascii: "Q")
    static let sync = UInt8(ascii: "S")
    static let terminate = UInt8(ascii: "X")
}

/// Which kind of named object a Describe or Close refers to.
public enum PreparedObjectKind: UInt8, Sendable {
    /// A prepared statement.
    case statement = 0x53 // "S"
    /// A portal (a bound statement ready to execute).
    case portal = 0x50 // "P"
}
