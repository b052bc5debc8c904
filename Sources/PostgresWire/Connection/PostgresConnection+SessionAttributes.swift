extension PostgresConnection {
    /// Why this session does not satisfy `wanted`, or nil when it does (libpq's target_session_attrs).
    ///
    /// PostgreSQL 14+ reports `default_transaction_read_only` and `in_hot_standby` at startup; for
    /// older servers we ask, as libpq does.
    func sessionAttributesMismatch(_ wanted: TargetSessionAttributes) throws -> String? {
        guard wanted != .any else { return nil }
        let inHotStandby: Bool
        let readOnly: Bool
        if let standby = parameters["in_hot_standby"], let defaultReadOnly = parameters["default_transaction_read_only"] {
            inHotStandby = standby == "on"
            readOnly = inHotStandby || defaultReadOnly == "on"
        } else {
            let result = try simpleQuery("SHOW transaction_read_only; SELECT pg_catalog.pg_is_in_recovery()")
            readOnly = result.first?.rows.first?.text(at: 0) == "on"
            inHotStandby = result.last?.rows.first?.text(at: 0) == "t"
        }
        switch wanted {
        case .any, .preferStandby: return nil
        case .readWrite: return readOnly ? "session is read-only (target_session_attrs=read-write)" : nil
        case .readOnly: return readOnly ? nil : "session is not read-only (target_session_attrs=read-only)"
        case .primary: return inHotStandby ? "server is in hot standby mode (target_session_attrs=primary)" : nil
        case .standby: return inHotStandby ? nil : "server is not in hot standby mode (target_session_attrs=standby)"
        }
    }
}
