import Foundation

/// The text of a throwaway PgBouncer's files: `pgbouncer.ini`, the user list and the hba rules.
///
/// Pure functions of their inputs, so the rules can be read (and tested) without starting PgBouncer.
struct PgBouncerConfiguration: Sendable {
    /// The PostgreSQL port every database is forwarded to (on 127.0.0.1).
    var serverPort: Int
    /// The port PgBouncer listens on (127.0.0.1 only).
    var port: Int
    var poolMode: LocalPgBouncer.PoolMode
    var poolSize: Int
    var roundRobin: Bool
    /// The roles clients may log in as: a role with a password authenticates with SCRAM (and PgBouncer
    /// logs in to the server with the same password), one without is trusted.
    var users: [LocalCluster.User]
    var files: PgBouncerFiles

    /// `pgbouncer.ini`. Every database name goes to the same server (`*`), as the client's user.
    var ini: String {
        let entries: [(String, String)] = [
            ("listen_addr", "127.0.0.1"),
            ("listen_port", String(port)),
            // No Unix socket: only the TCP port the tests are given, nothing shared in /tmp.
            ("unix_socket_dir", ""),
            ("auth_type", "hba"),
            ("auth_hba_file", files.hba),
            ("auth_file", files.users),
            ("pool_mode", poolMode.rawValue),
            ("default_pool_size", String(poolSize)),
            ("max_client_conn", "200"),
            // Hand each transaction the server connection idle longest rather than the last used, so
            // consecutive transactions of one client really meet different server processes.
            ("server_round_robin", roundRobin ? "1" : "0"),
            ("server_tls_sslmode", "disable"),
            ("pidfile", files.pid),
            ("logfile", ""),
            // The defaults (1 minute) would leave a test waiting for a pool that can never grow.
            ("query_wait_timeout", "30"),
        ]
        var lines = ["; Written by PGLocal.", "[databases]", "* = host=127.0.0.1 port=\(serverPort)", "", "[pgbouncer]"]
        lines += entries.map { "\($0.0) = \($0.1)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The auth file: `"name" "password"` per line (quotes doubled), an empty password for a trusted role.
    var userList: String {
        users.map { "\(Self.quoted($0.name)) \(Self.quoted($0.password ?? ""))" }.joined(separator: "\n") + "\n"
    }

    /// PgBouncer's hba rules: trust for roles without a password, SCRAM for the others, 127.0.0.1 only.
    var hostBasedAuthentication: String {
        var lines = ["# Written by PGLocal. The first matching line wins."]
        for user in users {
            lines.append("host all \(user.name) 127.0.0.1/32 \(user.password == nil ? "trust" : "scram-sha-256")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Where a throwaway PgBouncer keeps its files, all under one temporary root folder.
struct PgBouncerFiles: Sendable {
    let root: String
    var ini: String { path("pgbouncer.ini") }
    var users: String { path("userlist.txt") }
    var hba: String { path("pgbouncer_hba.conf") }
    var pid: String { path("pgbouncer.pid") }
    var log: String { path("pgbouncer.log") }

    private func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
}
