/// Describe: asks for a statement's parameter and row descriptions, or a portal's row description.
public struct Describe: FrontendMessage, Equatable {
    /// Statement or portal.
    public var kind: PreparedObjectKind
    /// Its name; "" is the unnamed one.
    public var name: String

    /// Creates the message.
    public init(_ kind: PreparedObjectKind, name: String = "") {
        self.kind = kind
        self.name = name
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.describe)
        writer.writeUInt8(kind.rawValue)
        writer.writeCString(name)
        writer.finishMessage()
    }
}
