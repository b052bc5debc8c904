/// CopyFail: aborts a COPY FROM STDIN; pgcheck sends it when a server unexpectedly asks for input.
public struct CopyFail: FrontendMessage, Equatable {
    /// Why the copy was aborted; the server puts it in its error.
    public var reason: String

    /// Creates the message.
    public init(reason: String) { self.reason = reason }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.copyFail)
        writer.writeCString(reason)
        writer.finishMessage()
    }
}
