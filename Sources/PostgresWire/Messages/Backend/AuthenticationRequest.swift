/// Authentication ('R'): the server's request for (or acceptance of) credentials.
public enum AuthenticationRequest: Sendable, Equatable {
    /// AuthenticationOk: we are in.
    case ok
    /// Kerberos V5 (not supported by modern servers or by pgcheck).
    case kerberosV5
    /// A cleartext password.
    case cleartextPassword
    /// An MD5-hashed password with this 4-byte salt.
    case md5Password(salt: [UInt8])
    /// GSSAPI (not supported by pgcheck).
    case gss
    /// A GSSAPI or SSPI continuation (not supported by pgcheck).
    case gssContinue(data: [UInt8])
    /// SSPI (not supported by pgcheck).
    case sspi
    /// SASL, offering these mechanisms in the server's order of preference.
    case sasl(mechanisms: [String])
    /// A SASL challenge (for SCRAM, the server-first-message).
    case saslContinue(data: [UInt8])
    /// The SASL outcome (for SCRAM, the server-final-message with the server signature).
    case saslFinal(data: [UInt8])

    /// A short name for messages ("SCRAM", "MD5"...).
    public var methodName: String {
        switch self {
        case .ok: "trust"
        case .kerberosV5: "Kerberos V5"
        case .cleartextPassword: "cleartext password"
        case .md5Password: "MD5"
        case .gss, .gssContinue: "GSSAPI"
        case .sspi: "SSPI"
        case .sasl, .saslContinue, .saslFinal: "SASL"
        }
    }

    static func decode(_ reader: inout MessageReader) throws -> AuthenticationRequest {
        let code = try reader.readInt32()
        let request: AuthenticationRequest
        switch code {
        case 0: request = .ok
        case 2: request = .kerberosV5
        case 3: request = .cleartextPassword
        case 5: request = .md5Password(salt: try reader.readBytes(count: 4))
        case 7: request = .gss
        case 8: request = .gssContinue(data: reader.readRemainingBytes())
        case 9: request = .sspi
        case 10:
            var mechanisms: [String] = []
            while true {
                let name = try reader.readCString()
                if name.isEmpty { break }
                mechanisms.append(name)
            }
            request = .sasl(mechanisms: mechanisms)
        case 11: request = .saslContinue(data: reader.readRemainingBytes())
        case 12: request = .saslFinal(data: reader.readRemainingBytes())
        default:
            throw ClientError(.protocolViolation, "server requested an unknown authentication method (code \(code))")
        }
        try reader.expectEnd()
        return request
    }
}
