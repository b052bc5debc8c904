/// How the session was authenticated, as reported by `pgcheck ping` and ``PostgresConnection/authenticationMethod``.
public enum AuthenticationMethod: String, Sendable, Codable {
    /// The server asked for nothing (trust, peer on a socket, or a client certificate alone).
    case none = "none (trust)"
    /// A cleartext password.
    case cleartextPassword = "password (cleartext)"
    /// An MD5-hashed password.
    case md5 = "md5"
    /// SCRAM-SHA-256 without channel binding.
    case scramSHA256 = "SCRAM-SHA-256"
    /// SCRAM-SHA-256-PLUS: SCRAM bound to this TLS channel (tls-server-end-point).
    case scramSHA256Plus = "SCRAM-SHA-256-PLUS"

    /// The `require_auth` name of this method; nil for `.none`, which require_auth spells "none".
    var requireAuthMethod: RequireAuthMethod? {
        switch self {
        case .none: nil
        case .cleartextPassword: .password
        case .md5: .md5
        case .scramSHA256, .scramSHA256Plus: .scramSHA256
        }
    }
}
