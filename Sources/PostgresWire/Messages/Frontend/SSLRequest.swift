/// SSLRequest: asks the server to switch to TLS before the startup message. It answers one byte, `S` or `N`.
public struct SSLRequest: FrontendMessage, Equatable {
    /// The magic request code 1234.5679.
    public static let code: Int32 = 80_877_103

    /// Creates the request.
    public init() {}

    public func encode(into writer: inout MessageWriter) {
        writer.beginUntypedMessage()
        writer.writeInt32(Self.code)
        writer.finishMessage()
    }
}
