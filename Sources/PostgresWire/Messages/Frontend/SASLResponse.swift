/// SASLResponse: a later SASL message from the client (for SCRAM, the client-final-message).
public struct SASLResponse: FrontendMessage, Equatable {
    /// The mechanism data, sent as is.
    public var data: [UInt8]

    /// Creates the message.
    public init(data: [UInt8]) { self.data = data }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.password)
        writer.writeBytes(data)
        writer.finishMessage()
    }
}
