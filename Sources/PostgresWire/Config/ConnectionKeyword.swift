/// One keyword libpq accepts in a connection string, with the environment variable that
/// supplies it when the string does not (libpq's `PQconninfoOptions` table, PostgreSQL 17).
///
/// Every libpq keyword is accepted, so a string that works with psql parses here too. Keywords
/// pgcheck has no use for (TCP keepalives, `client_encoding`, Kerberos names, ...) are
/// accepted and ignored; ones whose request pgcheck cannot honour safely (`service`,
/// `requirepeer`, `replication`, `gssencmode=require`) are refused when assembled.
struct ConnectionKeyword: Sendable, Hashable {
    /// The keyword as written in `key=value` strings and URI query parameters.
    let name: String
    /// The `PG*` variable consulted when the connection string does not set the keyword.
    let environmentVariable: String?
    /// Whether the value is a secret that must never appear in a message or a description.
    let isSecret: Bool

    private init(_ name: String, _ environmentVariable: String?, secret: Bool = false) {
        self.name = name
        self.environmentVariable = environmentVariable
        self.isSecret = secret
    }

    static let service = Self("service", "PGSERVICE")
    static let user = Self("user", "PGUSER")
    static let password = Self("password", "PGPASSWORD", secret: true)
    static let passfile = Self("passfile", "PGPASSFILE")
    static let channelBinding = Self("channel_binding", "PGCHANNELBINDING")
    static let connectTimeout = Self("connect_timeout", "PGCONNECT_TIMEOUT")
    static let dbname = Self("dbname", "PGDATABASE")
    static let host = Self("host", "PGHOST")
    static let hostaddr = Self("hostaddr", "PGHOSTADDR")
    static let port = Self("port", "PGPORT")
    static let clientEncoding = Self("client_encoding", "PGCLIENTENCODING")
    static let options = Self("options", "PGOPTIONS")
    static let applicationName = Self("application_name", "PGAPPNAME")
    static let fallbackApplicationName = Self("fallback_application_name", nil)
    static let keepalives = Self("keepalives", nil)
    static let keepalivesIdle = Self("keepalives_idle", nil)
    static let keepalivesInterval = Self("keepalives_interval", nil)
    static let keepalivesCount = Self("keepalives_count", nil)
    static let tcpUserTimeout = Self("tcp_user_timeout", nil)
    static let sslmode = Self("sslmode", "PGSSLMODE")
    static let sslnegotiation = Self("sslnegotiation", "PGSSLNEGOTIATION")
    static let sslcompression = Self("sslcompression", "PGSSLCOMPRESSION")
    static let sslcert = Self("sslcert", "PGSSLCERT")
    static let sslkey = Self("sslkey", "PGSSLKEY")
    static let sslcertmode = Self("sslcertmode", "PGSSLCERTMODE")
    static let sslpassword = Self("sslpassword", nil, secret: true)
    static let sslrootcert = Self("sslrootcert", "PGSSLROOTCERT")
    static let sslcrl = Self("sslcrl", "PGSSLCRL")
    static let sslcrldir = Self("sslcrldir", "PGSSLCRLDIR")
    static let sslsni = Self("sslsni", "PGSSLSNI")
    static let requirepeer = Self("requirepeer", "PGREQUIREPEER")
    static let requireAuth = Self("require_auth", "PGREQUIREAUTH")
    static let sslMinProtocolVersion = Self("ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION")
    static let sslMaxProtocolVersion = Self("ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION")
    static let gssencmode = Self("gssencmode", "PGGSSENCMODE")
    static let krbsrvname = Self("krbsrvname", "PGKRBSRVNAME")
    static let gsslib = Self("gsslib", "PGGSSLIB")
    static let gssdelegation = Self("gssdelegation", "PGGSSDELEGATION")
    static let replication = Self("replication", nil)
    static let targetSessionAttrs = Self("target_session_attrs", "PGTARGETSESSIONATTRS")
    static let loadBalanceHosts = Self("load_balance_hosts", "PGLOADBALANCEHOSTS")

    /// Every keyword, in libpq's order.
    static let all: [ConnectionKeyword] = [
        service, user, password, passfile, channelBinding, connectTimeout, dbname, host, hostaddr, port,
        clientEncoding, options, applicationName, fallbackApplicationName, keepalives, keepalivesIdle,
        keepalivesInterval, keepalivesCount, tcpUserTimeout, sslmode, sslnegotiation, sslcompression,
        sslcert, sslkey, sslcertmode, sslpassword, sslrootcert, sslcrl, sslcrldir, sslsni, requirepeer,
        requireAuth, sslMinProtocolVersion, sslMaxProtocolVersion, gssencmode, krbsrvname, gsslib,
        gssdelegation, replication, targetSessionAttrs, loadBalanceHosts,
    ]

    private static let byName: [String: ConnectionKeyword] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The keyword spelled exactly `name` (libpq compares case-sensitively), if libpq has one.
    static func named(_ name: String) -> ConnectionKeyword? {
        byName[name]
    }

    /// ` (did you mean "sslmode"?)` when `name` is a near miss of a keyword, else an empty string.
    static func suggestion(for name: String) -> String {
        let lowered = name.lowercased()
        let best = all.map { ($0.name, editDistance(lowered, $0.name)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2, best.1 < max(name.count, 1) else { return "" }
        return " (did you mean \"\(best.0)\"?)"
    }

    /// Levenshtein distance, small inputs only: used to suggest a keyword for a typo.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
