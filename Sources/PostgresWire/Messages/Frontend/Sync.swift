/// Sync: ends an extended-protocol batch; the server answers ReadyForQuery after finishing it.
public struct Sync: FrontendMessage, Equatable {
    /// Creates the message.
    public init() {}
    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.sync)
        writer.finishMessage()
    }
}
