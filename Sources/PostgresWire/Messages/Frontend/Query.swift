/// Query: a simple-protocol query string, possibly holding several statements.
public struct Query: FrontendMessage, Equatable {
    /// The SQL text.
    public var sql: String

    /// Creates the message.
    public init(_ sql: String) { self.sql = sql }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.query)
        writer.writeCString(sql)
        writer.finishMessage()
    }
}
