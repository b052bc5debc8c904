/// CopyDone (frontend): the end of data sent for COPY FROM STDIN.
public struct CopyDoneMessage: FrontendMessage, Equatable {
    /// Creates the message.
    public init() {}
    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.copyDone)
        writer.finishMessage()
    }
}
