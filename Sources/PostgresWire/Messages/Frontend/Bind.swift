/// Bind: binds parameter values to a prepared statement, creating a portal.
public struct Bind: FrontendMessage, Equatable {
    /// The portal to create; "" is the unnamed portal.
    public var portal: String
    /// The prepared statement to bind.
    public var statement: String
    /// One format code per parameter, or one for all, or none for all-text.
    public var parameterFormats: [Int16]
    /// The parameter values; nil is SQL NULL.
    public var parameters: [[UInt8]?]
    /// One format code per result column, or one for all, or none for all-text.
    public var resultFormats: [Int16]

    /// Creates the message.
    public init(
        portal: String = "", statement: String = "", parameterFormats: [Int16] = [],
        parameters: [[UInt8]?] = [], resultFormats: [Int16] = []
    ) {
        self.portal = portal
        self.statement = statement
        self.parameterFormats = parameterFormats
        self.parameters = parameters
        self.resultFormats = resultFormats
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.bind)
        writer.writeCString(portal)
        writer.writeCString(statement)
        writer.writeInt16(Int16(truncatingIfNeeded: parameterFormats.count))
        for format in parameterFormats { writer.writeInt16(format) }
        writer.writeInt16(Int16(truncatingIfNeeded: parameters.count))
        for value in parameters { writer.writeLengthPrefixed(value) }
        writer.writeInt16(Int16(truncatingIfNeeded: resultFormats.count))
        for format in resultFormats { writer.writeInt16(format) }
        writer.finishMessage()
    }
}
