import PostgresWire

/// Another session on the database, as `pg_stat_activity` shows it: who holds a lock the apply waits
/// for, or is busy with the tables a migration touches.
public struct DatabaseSession: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Its backend's process ID.
    public let pid: Int32
    /// Its `application_name`.
    public let applicationName: String
    /// The role it runs as.
    public let user: String
    /// `active`, `idle in transaction`, …
    public let state: String
    /// How long its transaction has been open, in seconds.
    public let transactionSeconds: Double?
    /// Its current or last query, shortened.
    public let query: String

    public var description: String {
        let age = transactionSeconds.map { ", transaction open \(Figures.seconds($0))" } ?? ""
        let name = applicationName.isEmpty ? "" : " (\(applicationName))"
        return "pid \(pid)\(name), user \(user), \(state)\(age): \(query)"
    }
}

extension DatabaseSession {
    /// The sessions of `pg_stat_activity` (alias `a`) that `condition` selects, by process ID.
    static func read(where condition: String, _ parameters: [(any PostgresEncodable)?] = [], on connection: PostgresConnection) throws -> [DatabaseSession] {
        try connection.query("""
            SELECT a.pid, COALESCE(a.application_name, ''), COALESCE(a.usename::text, ''), COALESCE(a.state, ''),
                   EXTRACT(epoch FROM now() - a.xact_start)::float8, left(regexp_replace(COALESCE(a.query, ''), '\\s+', ' ', 'g'), 200)
            FROM pg_catalog.pg_stat_activity a WHERE \(condition)
            ORDER BY a.pid
            """, parameters).rows.map { row in
            DatabaseSession(
                pid: try row.decode(at: 0), applicationName: try row.decode(at: 1), user: try row.decode(at: 2),
                state: try row.decode(at: 3), transactionSeconds: try row.decodeIfPresent(at: 4), query: try row.decode(at: 5))
        }
    }
}
