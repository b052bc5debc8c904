/// PasswordMessage: the answer to a cleartext or MD5 password request.
///
/// Its description never shows the password, so it is safe in logs.
public struct PasswordMessage: FrontendMessage, Equatable, CustomStringConvertible {
    /// The cleartext password, or the `md5…` hash.
    public var password: String

    /// Creates the message.
    public init(password: String) { self.password = password }

    public func encode(into writer: inout MessageWriter) {
        writer.beginMessage(FrontendMessageType.password)
        writer.writeCString(password)
        writer.finishMessage()
    }

    public var description: String { "PasswordMessage(<redacted>)" }
}
