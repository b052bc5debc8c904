/// Close: releases a prepared statement or a portal on the server.
public struct Close: FrontendMessage, Equatable {
    /// Statement or portal.
    public var kind: PreparedObjectKind
    /// Its name.
    public var name: String

    /// Creates the message.
    public init(_ kind: PreparedObjectKind, name: String) {
        self.kind = kind
        self.name = name
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.close)
        writer.writeUInt8(kind.rawValue)
        writer.writeCString(name)
        writer.finishMessage()
    }
}
