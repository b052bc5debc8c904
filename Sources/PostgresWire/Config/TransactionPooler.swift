/// Connection poolers in transaction mode (PgBouncer, Neon's `-pooler` hosts): a session's state does not
/// survive its transaction there, so work that needs one session throughout (a rehearsal, a careful
/// apply) must go to the database's direct host.
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
}
