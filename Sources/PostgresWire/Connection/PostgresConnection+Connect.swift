import Foundation
import Logging
import PGSupport

extension PostgresConnection {
    /// Connects as `configuration` says: each host in order, TLS as `sslmode` demands, authentication,
    /// then the `target_session_attrs` check.
    ///
    /// - Throws: ``ClientError`` naming the phase (resolve, connect, tls, authentication, startup), or
    ///   ``PostgresServerError`` when the server refused us (e.g. SQLSTATE 28P01, wrong password).
    ///   With several hosts, the error lists what happened on each.
    public static func connect(
        _ configuration: ConnectionConfiguration, options: SessionOptions = SessionOptions()
    ) throws -> PostgresConnection {
        var failures: [(Endpoint, any Error)] = []
        // prefer-standby makes two passes: standbys first, then anything.
        let passes: [TargetSessionAttributes] = configuration.targetSessionAttrs == .preferStandby
            ? [.standby, .any] : [configuration.targetSessionAttrs]
        // load_balance_hosts=random: libpq shuffles the host list once per connection attempt.
        let endpoints = configuration.loadBalanceHosts == .random ? configuration.endpoints.shuffled() : configuration.endpoints
        for wanted in passes {
            for endpoint in endpoints {
                do {
                    let connection = try connect(to: endpoint, configuration: configuration, options: options)
                    if let mismatch = try connection.sessionAttributesMismatch(wanted) {
                        connection.close()
                        throw ClientError(.startup, mismatch)
                    }
                    do {
                        try connection.applySessionSettings()
                    } catch {
                        connection.close()
                        throw error
                    }
                    options.logger.debug("connected", metadata: [
                        "endpoint": "\(endpoint.host):\(endpoint.port)",
                        "tls": "\(connection.tls?.protocolVersion ?? "none")",
                        "auth": "\(connection.authenticationMethod.rawValue)",
                    ])
                    return connection
                } catch {
                    options.logger.debug("connection attempt failed", metadata: [
                        "endpoint": "\(endpoint.host):\(endpoint.port)", "error": "\(error)",
                    ])
                    failures.append((endpoint, error))
                }
            }
        }
        throw combined(failures)
    }

    /// One endpoint, with libpq's sslmode retries: `prefer` falls back to plaintext when TLS fails,
    /// `allow` tries plaintext first and TLS second. `require` and stronger never fall back.
    private static func connect(
        to endpoint: Endpoint, configuration: ConnectionConfiguration, options: SessionOptions) throws -> PostgresConnection {
        // libpq never negotiates TLS over a Unix-domain socket, whatever sslmode says.
        let attempts: [Bool]
        switch (endpoint.isUnixSocket, configuration.sslMode) {
        case (true, _), (_, .disable): attempts = [false]
        case (_, .allow): attempts = [false, true]
        case (_, .prefer): attempts = [true, false]
        case (_, .require), (_, .verifyCA), (_, .verifyFull): attempts = [true]
        }
        var lastError: (any Error)?
        for (number, useTLS) in attempts.enumerated() {
            do {
                return try attempt(endpoint: endpoint, useTLS: useTLS, configuration: configuration, options: options)
            } catch let error as ClientError where error.phase == .resolve || error.phase == .connect {
                throw error  // the other TLS choice cannot help reach the host
            } catch {
                lastError = error
                if number + 1 < attempts.count {
                    options.logger.debug("retrying \(useTLS ? "without" : "with") TLS as sslmode=\(configuration.sslMode.rawValue) allows", metadata: ["error": "\(error)"])
                }
            }
        }
        throw lastError ?? ClientError(.connect, "no connection attempt was made")
    }

    private static func attempt(
        endpoint: Endpoint, useTLS: Bool, configuration: ConnectionConfiguration, options: SessionOptions) throws -> PostgresConnection {
        let timeout = configuration.connectTimeout
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        let socket = endpoint.isUnixSocket
            ? try PlainSocket.connect(unixPath: endpoint.unixSocketPath, timeout: timeout)
            : try PlainSocket.connect(host: endpoint.host, hostaddr: endpoint.hostaddr, port: endpoint.port, timeout: timeout)
        var raw: any ByteStream = socket
        do {
            var tlsInfo: TLSInfo?
            var endPointHash: [UInt8]?
            if useTLS {
                // The TLS request and handshake are bounded by connect_timeout, and by the read timeout when shorter.
                let limit = handshakeLimit(connectTimeout: timeout, deadline: deadline, readTimeout: options.readTimeout)
                socket.deadline = limit?.deadline
                if let tlsStream = try negotiateTLS(socket: socket, endpoint: endpoint, configuration: configuration, limit: limit?.description) {
                    raw = tlsStream
                    tlsInfo = TLSInfo(protocolVersion: tlsStream.protocolVersion, cipher: tlsStream.cipherName)
                    endPointHash = tlsStream.serverCertificateHash
                }
            }
            let stream = SupervisedStream(raw, idleTimeout: options.readTimeout)
            stream.deadline = deadline
            if let timeout { stream.deadlineDescription = "after \(DurationText.phrase(timeout)) (connect_timeout)" }
            raw = stream
            let password = configuration.lookUpPassword(for: endpoint)
            if let warning = password.warning { options.logger.warning("\(warning)") }
            let settings = StartupStateMachine.Settings(
                user: configuration.user,
                password: password.password,
                channelBinding: configuration.channelBinding,
                tlsInUse: tlsInfo != nil,
                tlsServerEndPointHash: endPointHash,
                requireAuth: configuration.requireAuthPolicy,
                permitsCleartextPassword: configuration.permitsCleartextPassword(to: endpoint, overTLS: tlsInfo != nil))
            var machine = try StartupStateMachine(settings: settings)
            let connection = try runStartup(
                stream: stream, machine: &machine, endpoint: endpoint, configuration: configuration,
                options: options, tls: tlsInfo)
            stream.deadline = nil
            stream.phase = .io
            stream.awaiting = machine.awaiting
            return connection
        } catch {
            raw.close()
            throw error
        }
    }

    /// The tighter of the connect deadline and the read timeout from now, with words for its error.
    private static func handshakeLimit(
        connectTimeout: Double?, deadline: ContinuousClock.Instant?, readTimeout: Duration?
    ) -> (deadline: ContinuousClock.Instant, description: String)? {
        if let read = readTimeout, read > .zero, deadline.map({ ContinuousClock.now + read < $0 }) ?? true {
            return (ContinuousClock.now + read, "after \(DurationText.phrase(read.inSeconds)) (the read timeout)")
        }
        guard let deadline, let connectTimeout else { return nil }
        return (deadline, "after \(DurationText.phrase(connectTimeout)) (connect_timeout)")
    }

    /// Sends SSLRequest and, when the server agrees, performs the TLS handshake.
    ///
    /// Returns nil when the server declines and sslmode allows plaintext.
    private static func negotiateTLS(
        socket: PlainSocket, endpoint: Endpoint, configuration: ConnectionConfiguration, limit: String?
    ) throws -> TLSStream? {
        try SSLRequest().encodedBytes.withUnsafeBytes { try socket.write($0) }
        // Read exactly one byte: anything the server sends after 'S' must arrive inside TLS
        // (CVE-2021-23222: a man in the middle could otherwise inject plaintext responses).
        var answer: UInt8 = 0
        let count: Int
        do {
            count = try withUnsafeMutableBytes(of: &answer) { try socket.read(into: $0) }
        } catch let error as ClientError {
            if let deadline = socket.deadline, ContinuousClock.now >= deadline {
                throw ClientError(.tls, "timeout expired \(limit ?? "") waiting for the server's answer to the TLS request (SSLRequest); the server or the network stalled")
            }
            throw ClientError(.tls, "\(error.message), while waiting for the server's answer to the TLS request (SSLRequest)")
        }
        guard count == 1 else {
            throw ClientError(.tls, "server closed the connection in answer to the TLS request (SSLRequest); it may not be PostgreSQL, or something on the network cut the connection")
        }
        switch answer {
        case UInt8(ascii: "S"):
            let settings = TLSSettings(
                mode: configuration.sslMode,
                serverName: endpoint.isUnixSocket ? nil : endpoint.host,
                rootCertificate: configuration.sslRootCert,
                certificate: configuration.sslCert,
                privateKey: configuration.sslKey,
                sendSNI: configuration.sslSNI,
                homeDirectory: configuration.homeDirectory ?? "")
            do {
                return try TLSStream(socket: socket, settings: settings)
            } catch let error as ClientError {
                // Say which limit ended a stalled handshake, in the same words as the other startup timeouts.
                if let deadline = socket.deadline, ContinuousClock.now >= deadline, let limit {
                    throw ClientError(.tls, "timeout expired \(limit) during the TLS handshake; the server or the network stalled")
                }
                throw error
            }
        case UInt8(ascii: "N"):
            switch configuration.sslMode {
            case .require, .verifyCA, .verifyFull:
                throw ClientError(.tls, "server does not support TLS, but sslmode=\(configuration.sslMode.rawValue) requires it")
            default:
                return nil
            }
        case UInt8(ascii: "E"):
            throw ClientError(.tls, "server answered the TLS request with an error; it is probably older than PostgreSQL 7.0 or not PostgreSQL")
        default:
            throw ClientError(.protocolViolation, "server sent \(BackendMessageType.describe(answer)) in answer to the TLS request; it is probably not PostgreSQL")
        }
    }

    /// Sends the StartupMessage and drives the startup machine to ReadyForQuery.
    ///
    /// The stream's phase and "waiting for" text follow the machine, so a stall or a hang-up in the
    /// middle of authentication says so ("authentication: … while waiting for the SCRAM server-final-message").
    private static func runStartup(
        stream: SupervisedStream, machine: inout StartupStateMachine, endpoint: Endpoint,
        configuration: ConnectionConfiguration, options: SessionOptions, tls: TLSInfo?
    ) throws -> PostgresConnection {
        var parameters: [(String, String)] = [
            ("user", configuration.user),
            ("database", configuration.database),
            ("application_name", configuration.applicationName),
            ("client_encoding", "UTF8"),
        ]
        if let extra = configuration.options, !extra.isEmpty { parameters.append(("options", extra)) }
        parameters += options.startupParameters
        stream.phase = machine.phase
        stream.awaiting = machine.awaiting
        try StartupMessage(parameters: parameters).encodedBytes.withUnsafeBytes { try stream.write($0) }

        // A provisional connection owns the buffer and framing while we wait for ReadyForQuery.
        let reader = StartupReader(stream: stream)
        while true {
            let message = try reader.nextMessage()
            let action = try machine.receive(message)
            stream.phase = machine.phase
            stream.awaiting = machine.awaiting
            switch action {
            case .wait:
                continue
            case .send(let bytes):
                try bytes.withUnsafeBytes { try stream.write($0) }
            case .notice(let notice):
                options.logger.notice("\(notice.severity): \(notice.message)")
                options.noticeHandler?(notice)
            case .ready:
                let connection = PostgresConnection(
                    stream: stream, endpoint: endpoint, configuration: configuration, options: options,
                    tls: tls, startup: machine)
                reader.handOver(to: connection.buffer)
                if case .readyForQuery(let ready) = message { connection.transactionStatus = ready.status }
                return connection
            }
        }
    }

    private static func combined(_ failures: [(Endpoint, any Error)]) -> any Error {
        guard failures.count > 1 else {
            return failures.first?.1 ?? ClientError(.configuration, "no host to connect to")
        }
        let lines = failures.map { endpoint, error in
            let place = endpoint.isUnixSocket ? endpoint.unixSocketPath : "\(endpoint.host):\(endpoint.port)"
            return "\(place): \(error)"
        }
        let phase = (failures.last?.1 as? ClientError)?.phase ?? (failures.last?.1 as? PostgresServerError)?.phase ?? .connect
        return ClientError(phase, "could not connect to any of \(failures.count) hosts: " + lines.joined(separator: "; "))
    }
}

/// Reads startup messages with the same framing rules as a connection; whatever arrived after
/// ReadyForQuery is handed over to the connection's buffer.
private final class StartupReader {
    let stream: any ByteStream
    let buffer = ReadBuffer(capacity: 16 * 1024)
    let framer = MessageFramer()

    init(stream: any ByteStream) { self.stream = stream }

    func nextMessage() throws -> BackendMessage {
        // The supervised stream throws, naming the phase and the message cut, when the server hangs up.
        let frame = try buffer.nextFrame(using: framer, from: stream, closed: ClientError(.startup, "server closed the connection during startup; check the server log (it may have rejected the startup parameters or reached max_connections)"))
        let message = try BackendMessage.decode(type: frame.type, body: frame.body)
        buffer.consume(frame.wireLength)
        return message
    }

    func handOver(to target: ReadBuffer) {
        if !buffer.isEmpty { target.append(buffer.readableBytes) }
    }
}
