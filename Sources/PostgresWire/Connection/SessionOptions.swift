import Logging
import PGSupport

/// Per-session settings, on top of the connection configuration.
///
/// ``statementTimeout``, ``lockTimeout`` and ``readOnly`` are session settings: they are set right after
/// startup with one `set_config` query (nothing at all is sent when none is set, so connecting costs no
/// extra round trip), not in the startup packet, which a pooler such as PgBouncer refuses ("unsupported
/// startup parameter"). Through a transaction pooler they are not set at all: a session-level setting
/// would stay on the server connection and apply to whichever client's transaction runs there next. The
/// query itself checks for one (``TransactionPoolerEvidence``: the host name, or the server process
/// differing from the one announced at startup) and only sets them on a direct session, with a notice
/// in the log otherwise. Work that must be bounded through a pooler sets its limits per transaction
/// (`BEGIN READ ONLY; SET LOCAL statement_timeout = …`), as every pgcheck command does.
public struct SessionOptions: Sendable {
    /// `statement_timeout`: the server cancels any statement running longer. nil leaves the server default.
    public var statementTimeout: Duration?
    /// `lock_timeout`: the server gives up waiting for a lock after this long. nil leaves the server default.
    public var lockTimeout: Duration?
    /// How long the client waits for the server's next bytes once connected, or for the server to take
    /// more of a request it is sending, before it gives up on the connection; nil (the default) waits
    /// forever, as libpq does.
    ///
    /// This is the client's own guard against a server or network that stalls (a hung proxy, a
    /// half-open TCP connection, a peer that stopped sending mid-row, or one that stopped reading so a
    /// large request can never be written), which no server-side setting can catch. The clock restarts
    /// with every chunk received and every chunk the server takes, so a long result that keeps arriving,
    /// or a large request that keeps going out, is never cut off, however long it takes; a slow query is
    /// only cut off if it sends nothing for this long, so set it above ``statementTimeout`` (the server's
    /// own limit gives the cleaner error). When it fires, the read or write throws `ClientError(.io, …)`
    /// naming the timeout and what was awaited or how much was sent, and the connection is closed: after
    /// a partial message its stream position is unknown. Startup is bounded by `connect_timeout` instead
    /// (``ConnectionConfiguration/connectTimeout``), and by this too when shorter.
    public var readTimeout: Duration?
    /// `default_transaction_read_only`: every transaction of the session starts read-only.
    public var readOnly: Bool
    /// Other run-time parameters sent in the startup packet (`search_path`, `TimeZone`...), exactly as
    /// given. PgBouncer accepts only `application_name`, `client_encoding`, `DateStyle`, `TimeZone` and
    /// `standard_conforming_strings` (plus its `ignore_startup_parameters`) and refuses the connection for
    /// anything else.
    public var parameters: [String: String]
    /// Called for every NoticeResponse (warnings, notices). Notices are also logged at `.notice` level.
    public var noticeHandler: (@Sendable (PostgresNotice) -> Void)?
    /// Where the connection logs (never passwords). Defaults to a logger labelled `pgcheck.postgres`.
    public var logger: Logger

    /// Creates options; everything defaults to the server's behaviour.
    public init(
        statementTimeout: Duration? = nil,
        lockTimeout: Duration? = nil,
        readTimeout: Duration? = nil,
        readOnly: Bool = false,
        parameters: [String: String] = [:],
        noticeHandler: (@Sendable (PostgresNotice) -> Void)? = nil,
        logger: Logger = Logger(label: "pgcheck.postgres")
    ) {
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.readTimeout = readTimeout
        self.readOnly = readOnly
        self.parameters = parameters
        self.noticeHandler = noticeHandler
        self.logger = logger
    }

    /// The run-time parameters to put in the startup packet, in a stable order: only those asked for by name.
    var startupParameters: [(String, String)] {
        parameters.keys.sorted().map { ($0, parameters[$0]!) }
    }

    /// The session settings set after startup on a direct session, in a stable order (names and values
    /// are ours: plain identifiers and numbers, safe to put in SQL text).
    var sessionSettings: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        if let statementTimeout { result.append(("statement_timeout", String(statementTimeout.roundedUpMilliseconds))) }
        if let lockTimeout { result.append(("lock_timeout", String(lockTimeout.roundedUpMilliseconds))) }
        if readOnly { result.append(("default_transaction_read_only", "on")) }
        return result
    }
}
