/// Parse: prepares a statement (named, or the unnamed one when `name` is empty).
public struct Parse: FrontendMessage, Equatable {
    /// The statement name; "" is the unnamed statement.
    public var name: String
    /// The SQL text with `$1`, `$2`… placeholders.
    public var sql: String
    /// Parameter type OIDs; 0 lets the server infer a type.
    public var parameterTypes: [UInt32]

    /// Creates the message.
    public init(name: String = "", sql: String, parameterTypes: [UInt32] = []) {
        self.name = name
        self.sql = sql
        self.parameterTypes = parameterTypes
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.parse)
        writer.writeCString(name)
        writer.writeCString(sql)
        writer.writeInt16(Int16(truncatingIfNeeded: parameterTypes.count))
        for type in parameterTypes { writer.writeUInt32(type) }
        writer.finishMessage()
    }
}
