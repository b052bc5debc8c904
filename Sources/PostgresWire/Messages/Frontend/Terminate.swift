/// Terminate: the polite goodbye before closing the socket.
public struct Terminate: FrontendMessage, Equatable {
    /// Creates the message.
    public init() {}
    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.terminate)
        writer.finishMessage()
    }
}
