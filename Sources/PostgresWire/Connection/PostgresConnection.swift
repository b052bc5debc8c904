import Logging

/// A connection to a PostgreSQL server: the synchronous core of PostgresWire.
///
/// One connection is used by one thread at a time; calls block until the server answers. Results
/// stream: rows are lent to your closure straight from the receive buffer, so memory does not grow
/// with the result. For Swift concurrency, wrap it in ``AsyncPostgresConnection``.
///
/// ```swift
/// let config = try ConnectionConfiguration.resolve(url: nil)        // DATABASE_URL or PG* variables
/// let connection = try PostgresConnection.connect(config)
/// defer { connection.close() }
/// try connection.query("SELECT id, meter FROM usage_events WHERE admin_id = $1", [adminID]) { row in
///     print(try row.decode(Int64.self, at: 0), try row.decode(String.self, at: 1))
/// }
/// ```
public final class PostgresConnection {
    var stream: any ByteStream
    let buffer = ReadBuffer()
    let framer = MessageFramer()
    let rowIndex = DataRowColumns()
    var writer = MessageWriter(capacity: 1024)
    let options: SessionOptions
    var logger: Logger { options.logger }

    /// The host (or socket directory) and port this connection reached.
    public let endpoint: Endpoint
    /// The configuration it was made from; print ``ConnectionConfiguration/redactedDescription``, never the password.
    public let configuration: ConnectionConfiguration
    /// TLS details, or nil when the connection is not encrypted.
    public let tls: TLSInfo?
    /// How the server authenticated us.
    public let authenticationMethod: AuthenticationMethod
    /// The cancellation key (nil if the server sent none).
    public let backendKey: BackendKeyData?
    /// Run-time parameters the server reported (server_version, TimeZone, ...), kept up to date.
    public internal(set) var parameters: [String: String]
    /// The transaction state after the last completed request.
    public internal(set) var transactionStatus: TransactionStatus = .idle
    /// Whether the connection can no longer be used (closed, or lost after an error).
    public internal(set) var isClosed = false
    /// The server process last seen serving this session (`pg_backend_pid()`), once asked; through a
    /// transaction pooler it can change from one transaction to the next.
    var servingProcessID: Int32?
    private var statementCounter = 0

    init(
        stream: any ByteStream, endpoint: Endpoint, configuration: ConnectionConfiguration, options: SessionOptions,
        tls: TLSInfo?, startup: StartupStateMachine
    ) {
        self.stream = stream
        self.endpoint = endpoint
        self.configuration = configuration
        self.options = options
        self.tls = tls
        authenticationMethod = startup.method
        backendKey = startup.backendKey
        parameters = startup.parameters
    }

    deinit { if !isClosed { close() } }

    /// The server's version string as reported at startup (e.g. "15.18 (Debian 15.18-0+deb12u1)").
    public var serverVersion: String { parameters["server_version"] ?? "unknown" }

    /// The server's version as a number (150018 for 15.18), from `server_version`.
    public var serverVersionNumber: Int {
        let numeric = serverVersion.prefix { $0.isNumber || $0 == "." }.split(separator: ".").compactMap { Int($0) }
        guard let major = numeric.first else { return 0 }
        return major >= 10 ? major * 10_000 + (numeric.dropFirst().first ?? 0) : major * 10_000 + (numeric.dropFirst().first ?? 0) * 100 + (numeric.dropFirst(2).first ?? 0)
    }

    /// A token that cancels this connection's running query from another thread or task.
    public var cancelToken: CancelToken? {
        backendKey.map { CancelToken(endpoint: endpoint, key: $0, connectTimeout: configuration.connectTimeout) }
    }

    /// Sends Terminate and closes the socket. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        let goodbye = Terminate().encodedBytes
        try? goodbye.withUnsafeBytes { try stream.write($0) }
        stream.close()
        logger.debug("connection closed", metadata: ["endpoint": "\(endpoint.host):\(endpoint.port)"])
    }

    /// A fresh number for naming prepared statements.
    func nextStatementNumber() -> Int {
        statementCounter += 1
        return statementCounter
    }

    // MARK: - I/O primitives shared by every operation

    /// Sends what `writer` holds and empties it.
    func flushWriter() throws {
        defer { writer.removeAll() }
        try checkOpen()
        do {
            try writer.bytes.withUnsafeBytes { try stream.write($0) }
        } catch {
            markBroken()
            throw error
        }
    }

    /// The next complete message, reading from the socket as needed. Consume it with ``consume(_:)``.
    func nextFrame() throws -> MessageFrame {
        do {
            return try buffer.nextFrame(using: framer, from: stream, closed: ClientError(.io, "server closed the connection unexpectedly; it probably terminated abnormally, was restarted, or our session was terminated"))
        } catch {
            // After a failed read or a malformed frame the stream position is unknown.
            markBroken()
            throw error
        }
    }

    /// Whether more of the response is at hand after the row being delivered: another complete message in
    /// the receive buffer, or bytes the socket or TLS already hold, so the next read will not wait on the
    /// network. The producer of an async row stream keeps filling its batch while this holds, and sends it
    /// when not, so a row is never held back while the connection waits for the server.
    func hasMoreInput(after row: borrowing PostgresRow) -> Bool {
        let readable = buffer.readableBytes
        let rest = readable.count - (5 + row.body.count)
        if rest >= 5 {
            let length = Int(Int32(bitPattern: readable.loadBigEndianUInt32(at: 5 + row.body.count + 1)))
            if length >= 4 && rest >= 1 + length { return true }
        }
        return stream.hasPendingInput
    }

    /// Marks a frame's bytes as handled.
    @inline(__always) func consume(_ frame: MessageFrame) { buffer.consume(frame.wireLength) }

    func checkOpen() throws {
        if isClosed { throw ClientError(.io, "the connection is closed") }
    }

    /// After an I/O or protocol error the stream position is unknown: the connection cannot be reused.
    func markBroken() {
        guard !isClosed else { return }
        isClosed = true
        stream.close()
    }

    func deliver(_ notice: PostgresNotice) {
        logger.notice("\(notice.severity): \(notice.message)", metadata: ["sqlstate": "\(notice.sqlState)"])
        options.noticeHandler?(notice)
    }
}
