/// Connection poolers in transaction mode (PgBouncer, Neon's `-pooler` hosts): a session's state does not
/// survive its transaction there, so work that needs one session throughout (a rehearsal, a careful
/// apply) must go to the database's direct host, and session-level settings must never be sent (they
/// would stay on a server connection that other clients' transactions use next).
extension Endpoint {
    /// Whether the host name is a known transaction-mode pooler: Neon's `ep-…-pooler.…` hosts.
    public var isTransactionPoolerHostName: Bool {
        guard !isUnixSocket else { return false }
        return host.lowercased().split(separator: ".").first?.hasSuffix("-pooler") ?? false
    }

    /// For a pooler host name, the database's direct host (Neon: the same name without `-pooler`).
    public var directHostName: String? {
        guard isTransactionPoolerHostName, let first = host.split(separator: ".", maxSplits: 1).first else { return nil }
        let rest = host.dropFirst(first.count)
        return String(first.dropLast("-pooler".count)) + rest
    }

    /// Whether the host is a direct endpoint behind Neon's proxy (`ep-….neon.tech`, and Vercel's
    /// `….vercel-storage.com`, which is Neon), which keeps one server session per client session but
    /// announces its own random process ID and cancel key (BackendKeyData) rather than the server's.
    /// There, a process ID that differs from `pg_backend_pid()` says nothing of pooling.
    public var isNeonProxyHostName: Bool {
        guard !isUnixSocket, !isTransactionPoolerHostName else { return false }
        let name = host.lowercased()
        return [".neon.tech", ".neon.build", ".vercel-storage.com"].contains { name.hasSuffix($0) }
    }
}

/// Why a connection is taken to go through a transaction pooler.
///
/// Two signals, cheapest first: the host name (Neon's `-pooler` hosts), and the server's behaviour. A
/// PostgreSQL server announces its own process ID in BackendKeyData, so `pg_backend_pid()` returns the
/// same number; a pooler such as PgBouncer hands every client its own random ID and key (it must
/// route cancel requests itself) and then lends it any server process, so the numbers differ. A
/// session-mode pooler differs the same way and cannot be told apart from the outside, which is fine
/// for the work that refuses poolers: the direct host is the right place for it either way. Neon's
/// proxy in front of a direct endpoint also announces random IDs while keeping the session, so the
/// second signal is not used on Neon's host names (``Endpoint/isNeonProxyHostName``).
public struct TransactionPoolerEvidence: Sendable, Equatable, CustomStringConvertible {
    /// What gave the pooler away.
    public enum Signal: Sendable, Equatable {
        /// The host name is a known pooler's (Neon's `-pooler` hosts).
        case hostName
        /// The server process serving the session (`pg_backend_pid()`) is not the one announced at startup.
        case processID(announced: Int32, serving: Int32)
    }

    /// The endpoint the connection reached (or would reach).
    public let endpoint: Endpoint
    /// What gave the pooler away.
    public let signal: Signal

    /// Creates evidence.
    public init(endpoint: Endpoint, signal: Signal) {
        self.endpoint = endpoint
        self.signal = signal
    }

    /// The host to use instead, when the name says (Neon: the name without `-pooler`); nil otherwise.
    public var directHostName: String? { endpoint.directHostName }

    /// The pooler and its sign, for messages: "ep-x-pooler.… is a transaction-mode pooler (Neon's
    /// -pooler host)" or "127.0.0.1:6432 is a connection pooler (it announced process 1234 but
    /// process 5678 serves the session)".
    public var description: String {
        switch signal {
        case .hostName:
            return "\(endpoint.host) is a transaction-mode pooler (Neon's -pooler host)"
        case .processID(let announced, let serving):
            return "\(endpoint) is a connection pooler (it announced process \(announced) but process \(serving) serves the session)"
        }
    }

    /// Judges by the host name alone, before connecting.
    public static func judge(endpoint: Endpoint) -> TransactionPoolerEvidence? {
        endpoint.isTransactionPoolerHostName ? TransactionPoolerEvidence(endpoint: endpoint, signal: .hostName) : nil
    }

    /// Judges by the host name and, where it decides nothing, by the process IDs: the one BackendKeyData
    /// announced (nil when the server sent none) and the one `pg_backend_pid()` returned.
    public static func judge(endpoint: Endpoint, announcedProcessID: Int32?, servingProcessID: Int32) -> TransactionPoolerEvidence? {
        if let byName = judge(endpoint: endpoint) { return byName }
        guard !endpoint.isNeonProxyHostName, let announcedProcessID, announcedProcessID != servingProcessID else { return nil }
        return TransactionPoolerEvidence(endpoint: endpoint, signal: .processID(announced: announcedProcessID, serving: servingProcessID))
    }
}
