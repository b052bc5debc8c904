import PGSupport

extension PostgresConnection {
    /// Whether this connection goes through a transaction pooler, and what says so; nil for a direct session.
    ///
    /// The host name decides without a query (Neon's `-pooler` hosts). Otherwise the server process
    /// serving the session (`pg_backend_pid()`) is compared with the one announced at startup, which a
    /// pooler invents (see ``TransactionPoolerEvidence``): one round trip the first time, none after, or
    /// none at all when connecting already asked (it does when ``SessionOptions`` has session settings).
    /// Call it outside a failed transaction.
    /// - Throws: ``ClientError`` or ``PostgresServerError`` when the question cannot be asked.
    public func transactionPooler() throws -> TransactionPoolerEvidence? {
        if let byName = TransactionPoolerEvidence.judge(endpoint: endpoint) { return byName }
        // Neon's proxy invents process IDs without pooling: no question would tell anything there.
        guard !endpoint.isNeonProxyHostName, let announced = backendKey?.processID else { return nil }
        let serving = try servingProcessID ?? askServingProcessID()
        return TransactionPoolerEvidence.judge(endpoint: endpoint, announcedProcessID: announced, servingProcessID: serving)
    }

    /// Throws ``TransactionPoolerRefusal`` when this connection goes through a transaction pooler: for
    /// work that needs one session throughout, `work` naming it ("migrations apply").
    public func refuseTransactionPooler(for work: String) throws {
        if let evidence = try transactionPooler() { throw TransactionPoolerRefusal(evidence: evidence, work: work) }
    }

    /// Sets ``SessionOptions``' session settings on a direct session, in one round trip that also learns
    /// the serving process; through a pooler it sets nothing (the settings would outlive our transaction
    /// on a server connection other clients use next) and says so in the log.
    func applySessionSettings() throws {
        let settings = options.sessionSettings
        guard !settings.isEmpty else { return }
        let names = settings.map(\.name).joined(separator: ", ")
        if let byName = TransactionPoolerEvidence.judge(endpoint: endpoint) {
            logger.notice("\(names) not set for the session: \(byName); set them per transaction (SET LOCAL)")
            return
        }
        let assignments = settings.map { "pg_catalog.set_config('\($0.name)', '\($0.value)', false)" }.joined(separator: ", ")
        // The comparison runs on the server, inside the same statement as the settings, so nothing
        // session-level is ever executed on a server process other than the one announced at startup.
        var direct = "true"
        if let key = backendKey, !endpoint.isNeonProxyHostName { direct = "backend.pid = \(key.processID)" }
        let sql = "SELECT backend.pid, CASE WHEN \(direct) THEN pg_catalog.concat_ws(',', \(assignments)) END "
            + "FROM (SELECT pg_catalog.pg_backend_pid() AS pid) AS backend"
        let row = try simpleQuery(sql).first?.rows.first
        guard let text = row?.text(at: 0), let serving = Int32(text) else {
            throw ClientError(.startup, "the server returned no process ID while the session settings were set")
        }
        servingProcessID = serving
        if row?.text(at: 1) == nil {
            let evidence = TransactionPoolerEvidence.judge(endpoint: endpoint, announcedProcessID: backendKey?.processID, servingProcessID: serving)
            logger.notice("\(names) not set for the session: \(evidence.map { "\($0)" } ?? "a pooler stands between"); set them per transaction (SET LOCAL)")
        }
    }

    /// `pg_backend_pid()`, remembered.
    private func askServingProcessID() throws -> Int32 {
        guard let text = try simpleQuery("SELECT pg_catalog.pg_backend_pid()").first?.rows.first?.text(at: 0), let serving = Int32(text) else {
            throw ClientError(.query, "the server returned no process ID for pg_backend_pid()")
        }
        servingProcessID = serving
        return serving
    }
}

extension ConnectionConfiguration {
    /// Throws ``TransactionPoolerRefusal`` when a host of this configuration is a known transaction pooler
    /// by its name (Neon's `-pooler` hosts), before anything connects; `work` names what needs one
    /// session throughout. Connected, ``PostgresConnection/refuseTransactionPooler(for:)`` also judges
    /// the server's behaviour.
    public func refuseTransactionPoolerHostNames(for work: String) throws {
        for endpoint in endpoints {
            if let evidence = TransactionPoolerEvidence.judge(endpoint: endpoint) {
                throw TransactionPoolerRefusal(evidence: evidence, work: work)
            }
        }
    }
}
