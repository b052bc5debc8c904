/// Flush: asks the server to send everything it has buffered, without ending the batch.
public struct Flush: FrontendMessage, Equatable {
    /// Creates the message.
    public init() {}
    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.flush)
        writer.finishMessage()
    }
}
