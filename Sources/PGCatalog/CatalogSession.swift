import PostgresWire
import PGSupport

/// A read-only, consistent window onto a database's catalogs.
///
/// Everything pgcheck reads from `pg_catalog` runs inside one `REPEATABLE READ READ ONLY` transaction
/// (every query sees the same snapshot, and nothing can be written even by mistake), with
/// `statement_timeout` and `lock_timeout` set so pointing pgcheck at production can never queue behind
/// a long lock or run away.
public final class CatalogSession {
    /// The connection the transaction runs on.
    public let connection: PostgresConnection
    private var isOpen = true

    /// How the transaction is set up.
    public struct Options: Sendable {
        /// Cancels any catalog query running longer.
        public var statementTimeout: Duration
        /// Gives up waiting for a lock after this long (catalog reads rarely wait, but DDL elsewhere can block them).
        public var lockTimeout: Duration
        /// The `search_path` for the transaction. Snapshots fix it to `pg_catalog` so server-generated
        /// definitions qualify every user object the same way, whatever the caller's setting; nil keeps
        /// the session's own (what psql's `\\d+` shows).
        public var searchPath: String?

        /// Creates options; the defaults suit production use.
        public init(statementTimeout: Duration = .seconds(60), lockTimeout: Duration = .seconds(5), searchPath: String? = "pg_catalog") {
            self.statementTimeout = statementTimeout
            self.lockTimeout = lockTimeout
            self.searchPath = searchPath
        }
    }

    /// Begins the read-only transaction on an open, idle connection.
    public convenience init(connection: PostgresConnection, options: Options = Options()) throws {
        try self.init(connection: connection, options: options, snapshot: nil)
    }

    /// Begins the read-only transaction on `connection` seeing exactly what the transaction that exported
    /// `snapshot` (with ``exportSnapshot()``) sees, so two sessions read one consistent catalog, as
    /// `pg_dump --jobs` does.
    /// - Throws: `ClientError(.query)` for a snapshot name the server could not have made; the server's
    ///   error when it cannot import it (the exporting transaction ended, or another server).
    public convenience init(connection: PostgresConnection, importing snapshot: String, options: Options = Options()) throws {
        try self.init(connection: connection, options: options, snapshot: snapshot)
    }

    private init(connection: PostgresConnection, options: Options, snapshot: String?) throws {
        self.connection = connection
        var setup = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
        if let snapshot {
            // Names look like 00000003-0000001B-1; anything else is not one, and must not reach the SQL text.
            let allowed = Set("0123456789ABCDEF-".utf8)
            guard !snapshot.isEmpty, snapshot.utf8.allSatisfy(allowed.contains) else {
                throw ClientError(.query, "'\(snapshot)' is not a snapshot name exported by pg_export_snapshot()")
            }
            setup += "SET TRANSACTION SNAPSHOT '\(snapshot)'; "
        }
        setup += "SET LOCAL statement_timeout = \(options.statementTimeout.roundedUpMilliseconds); "
        setup += "SET LOCAL lock_timeout = \(options.lockTimeout.roundedUpMilliseconds); "
        if let searchPath = options.searchPath { setup += "SET LOCAL search_path = \(searchPath); " }
        try connection.execute(setup)
    }

    /// Runs a catalog query with bound parameters and collects its rows (text format: catalog values are
    /// rendered exactly as the server prints them).
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresResult {
        try connection.query(sql, parameters, resultFormat: .text)
    }

    /// Exports this transaction's snapshot for other sessions to import (`pg_export_snapshot()`); valid
    /// until this transaction ends. Call it before anything else in the transaction can fail: an error
    /// here ends the transaction.
    public func exportSnapshot() throws -> String {
        let result = try connection.query("SELECT pg_catalog.pg_export_snapshot()", resultFormat: .text)
        guard let name = result.rows.first?.text(at: 0) else {
            throw ClientError(.query, "pg_export_snapshot() returned no snapshot name")
        }
        return name
    }

    /// The server's version number (`server_version_num`, e.g. 150018), for guarding version-specific catalog columns.
    public var serverVersionNumber: Int { connection.serverVersionNumber }

    /// Ends the transaction (it wrote nothing, so ending it is only bookkeeping). The connection stays open.
    public func finish() throws {
        guard isOpen else { return }
        isOpen = false
        try connection.execute("ROLLBACK")
    }
}
