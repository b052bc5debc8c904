/// CancelRequest: sent on a new connection to ask the server to cancel the query running on another.
public struct CancelRequest: FrontendMessage, Equatable {
    /// The magic request code 1234.5678.
    public static let code: Int32 = 80_877_102

    /// The backend process to interrupt, from BackendKeyData.
    public var processID: Int32
    /// The secret key from BackendKeyData, proving we own that session.
    public var secretKey: Int32

    /// Creates a cancel request for the session identified by `processID` and `secretKey`.
    public init(processID: Int32, secretKey: Int32) {
        self.processID = processID
        self.secretKey = secretKey
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginUntypedMessage()
        writer.writeInt32(Self.code)
        writer.writeInt32(processID)
        writer.writeInt32(secretKey)
        writer.finishMessage()
    }
}
