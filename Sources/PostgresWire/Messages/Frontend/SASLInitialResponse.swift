/// SASLInitialResponse: the chosen mechanism and the client-first-message.
public struct SASLInitialResponse: FrontendMessage, Equatable {
    /// "SCRAM-SHA-256" or "SCRAM-SHA-256-PLUS".
    public var mechanism: String
    /// The mechanism's first message (nil sends length -1, "no initial response").
    public var initialResponse: [UInt8]?

    /// Creates the message.
    public init(mechanism: String, initialResponse: [UInt8]?) {
        self.mechanism = mechanism
        self.initialResponse = initialResponse
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.password)
        writer.writeCString(mechanism)
        writer.writeLengthPrefixed(initialResponse)
        writer.finishMessage()
    }
}
