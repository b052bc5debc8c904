/// The startup and authentication exchange as a pure state machine: messages in, actions out.
///
/// It never touches a socket. The connection feeds it every backend message received after the
/// StartupMessage and performs the actions it returns; tests feed it byte transcripts.
struct StartupStateMachine {
    /// What the connection must do next.
    enum Action: Equatable {
        /// Nothing to send; read the next message.
        case wait
        /// Send these bytes (an encoded frontend message), then read the next message.
        case send([UInt8])
        /// Hand this notice to the notice handler, then read the next message.
        case notice(PostgresNotice)
        /// The session is ready for queries.
        case ready
    }

    /// What the machine needs to know about the session being started.
    struct Settings {
        var user: String
        /// The password, already resolved from the connection string, PGPASSWORD or ~/.pgpass.
        var password: String?
        var channelBinding: ChannelBindingMode
        /// Whether the connection is encrypted with TLS.
        var tlsInUse: Bool
        /// The tls-server-end-point hash of the server certificate, when known.
        var tlsServerEndPointHash: [UInt8]?
        /// libpq's `require_auth`; nil accepts every method.
        var requireAuth: RequireAuthPolicy?
        /// Whether a cleartext password request may be answered. The connector decides, with
        /// ``ConnectionConfiguration/permitsCleartextPassword(to:overTLS:)``: not over TCP without TLS
        /// unless `require_auth` names `password`. It defaults to true because the machine itself has no
        /// transport to judge.
        var permitsCleartextPassword = true
    }

    private enum State {
        case awaitingAuthentication
        case awaitingSCRAMChallenge(SCRAMSHA256Client)
        case awaitingSCRAMOutcome(SCRAMSHA256Client)
        case awaitingAuthenticationOk
        case authenticated
        case ready
    }

    private let settings: Settings
    private var state: State = .awaitingAuthentication
    /// The method the server asked for; `.none` until it asks for one.
    private(set) var method: AuthenticationMethod = .none
    /// Run-time parameters reported with ParameterStatus.
    private(set) var parameters: [String: String] = [:]
    /// The cancellation key.
    private(set) var backendKey: BackendKeyData?
    /// The protocol negotiation the server asked for, if any.
    private(set) var negotiation: NegotiateProtocolVersion?

    init(settings: Settings) throws {
        if settings.channelBinding == .require && !settings.tlsInUse {
            throw ClientError(.authentication, "channel binding is required (channel_binding=require), but the connection does not use TLS; use sslmode=require or stronger")
        }
        self.settings = settings
    }

    /// What the machine is waiting for, completing "while waiting for …" in timeout and hang-up errors.
    var awaiting: String {
        switch state {
        case .awaitingAuthentication: "the server's answer to the startup message (an authentication request)"
        case .awaitingSCRAMChallenge: "the SCRAM server-first-message (AuthenticationSASLContinue)"
        case .awaitingSCRAMOutcome: "the SCRAM server-final-message (AuthenticationSASLFinal)"
        case .awaitingAuthenticationOk: "the server's verdict on our credentials (AuthenticationOk)"
        case .authenticated: "ReadyForQuery, the end of startup (the server was sending its parameters)"
        case .ready: "the server's response"
        }
    }

    /// The phase a server error received now belongs to.
    var phase: ConnectionPhase {
        switch state {
        case .authenticated, .ready: .startup
        default: .authentication
        }
    }

    /// Feeds one backend message and returns what to do.
    mutating func receive(_ message: BackendMessage) throws -> Action {
        switch message {
        case .authentication(let request):
            return try authenticate(request)
        case .parameterStatus(let status):
            parameters[status.name] = status.value
            return .wait
        case .backendKeyData(let key):
            backendKey = key
            return .wait
        case .noticeResponse(let fields):
            return .notice(PostgresNotice(fields: fields))
        case .negotiateProtocolVersion(let negotiation):
            // We ask for 3.0 with no protocol options, so a 3.0 server may only confirm it.
            guard negotiation.newestMinorVersion >= 0 else {
                throw ClientError(.protocolViolation, "server negotiated an invalid protocol minor version \(negotiation.newestMinorVersion)")
            }
            self.negotiation = negotiation
            return .wait
        case .errorResponse(let fields):
            throw PostgresServerError(fields: fields, phase: phase)
        case .readyForQuery:
            guard case .authenticated = state else {
                throw ClientError(.protocolViolation, "server sent ReadyForQuery before authentication completed")
            }
            state = .ready
            return .ready
        default:
            throw ClientError(.protocolViolation, "server sent \(message.kindName) during startup")
        }
    }

    private mutating func authenticate(_ request: AuthenticationRequest) throws -> Action {
        switch (state, request) {
        case (.awaitingAuthentication, .ok):
            try checkAllowed(.none)
            if settings.channelBinding == .require {
                throw ClientError(.authentication, "channel binding is required, but the server authenticated the client without it (no password was asked for)")
            }
            state = .authenticated
            return .wait
        case (.awaitingAuthenticationOk, .ok):
            state = .authenticated
            return .wait
        case (.awaitingAuthentication, .cleartextPassword):
            try refuseWithoutChannelBinding("a cleartext password")
            method = .cleartextPassword
            try checkAllowed(.cleartextPassword)
            guard settings.permitsCleartextPassword else {
                throw ClientError(.authentication, "server asked for the password in cleartext on a connection without TLS, where anyone on the network path can read it; refusing to send it. Connect with sslmode=require or stronger, or accept the risk explicitly with require_auth=password")
            }
            state = .awaitingAuthenticationOk
            return .send(PasswordMessage(password: try requirePassword()).encodedBytes)
        case (.awaitingAuthentication, .md5Password(let salt)):
            try refuseWithoutChannelBinding("an MD5 password")
            method = .md5
            try checkAllowed(.md5)
            state = .awaitingAuthenticationOk
            let hashed = md5PasswordMessage(user: settings.user, password: try requirePassword(), salt: salt)
            return .send(PasswordMessage(password: hashed).encodedBytes)
        case (.awaitingAuthentication, .sasl(let mechanisms)):
            return try startSCRAM(offered: mechanisms)
        case (.awaitingSCRAMChallenge(var client), .saslContinue(let data)):
            let reply = try client.receiveServerFirst(data)
            state = .awaitingSCRAMOutcome(client)
            return .send(SASLResponse(data: reply).encodedBytes)
        case (.awaitingSCRAMOutcome(var client), .saslFinal(let data)):
            try client.receiveServerFinal(data)
            state = .awaitingAuthenticationOk
            return .wait
        case (.awaitingSCRAMOutcome, .ok), (.awaitingSCRAMChallenge, .ok):
            throw ClientError(.authentication, "server accepted the login before completing SCRAM, so it never proved it knows the password; refusing the connection")
        case (_, .kerberosV5), (_, .gss), (_, .gssContinue), (_, .sspi):
            throw ClientError(.authentication, "server requested \(request.methodName) authentication, which pgcheck does not support; ask for a scram-sha-256 or md5 pg_hba.conf rule")
        default:
            throw ClientError(.protocolViolation, "server sent an unexpected authentication request (\(request.methodName)) at this point of the exchange")
        }
    }

    private mutating func startSCRAM(offered mechanisms: [String]) throws -> Action {
        let offersPlus = mechanisms.contains("SCRAM-SHA-256-PLUS")
        let offersPlain = mechanisms.contains("SCRAM-SHA-256")
        let binding: SCRAMChannelBinding
        if settings.channelBinding != .disable, settings.tlsInUse, offersPlus {
            guard let hash = settings.tlsServerEndPointHash else {
                throw ClientError(.authentication, "could not compute the TLS server certificate hash needed for channel binding")
            }
            binding = .tlsServerEndPoint(certificateHash: hash)
            method = .scramSHA256Plus
        } else if settings.channelBinding == .require {
            throw ClientError(.authentication, "channel binding is required, but the server did not offer SCRAM-SHA-256-PLUS (offered: \(mechanisms.joined(separator: ", ")))")
        } else if offersPlain || offersPlus {
            // "y" tells a server that offered PLUS that we could have used it: it detects a downgrade.
            binding = settings.tlsInUse && settings.channelBinding != .disable ? .supportedButNotUsed : .unsupported
            method = .scramSHA256
        } else {
            throw ClientError(.authentication, "server offered no SASL mechanism pgcheck supports (offered: \(mechanisms.joined(separator: ", ")))")
        }
        try checkAllowed(method)
        var client = try SCRAMSHA256Client(username: "", password: try requirePassword(), channelBinding: binding)
        let first = client.clientFirstMessage()
        state = .awaitingSCRAMChallenge(client)
        return .send(SASLInitialResponse(mechanism: client.mechanism, initialResponse: first).encodedBytes)
    }

    private func refuseWithoutChannelBinding(_ what: String) throws {
        if settings.channelBinding == .require {
            throw ClientError(.authentication, "channel binding is required, but the server asked for \(what), which cannot bind to the TLS channel")
        }
    }

    private func checkAllowed(_ method: AuthenticationMethod) throws {
        guard let policy = settings.requireAuth else { return }
        let allowed = method.requireAuthMethod.map { policy.allows($0) } ?? policy.allowsNoAuthentication
        guard allowed else {
            throw ClientError(.authentication, "server asked for authentication method \(method.rawValue), which require_auth does not allow")
        }
    }

    private func requirePassword() throws -> String {
        guard let password = settings.password else {
            throw ClientError(.authentication, "the server asked for a password for user \"\(settings.user)\", but none was supplied; set it in the connection string, PGPASSWORD or ~/.pgpass")
        }
        return password
    }
}
