extension PostgresConnection {
    /// The session's ``ServerTextSettings``, read in one round trip (`extra_float_digits` and
    /// `bytea_output` are not reported by the server, so the reported ones are read the same way).
    ///
    /// To save the round trip, run ``ServerTextSettings/query`` in a batch you send anyway and read its
    /// row with ``textSettings(from:)``.
    public func serverTextSettings() throws -> ServerTextSettings {
        guard let settings = textSettings(from: try simpleQuery(ServerTextSettings.query).last) else {
            throw ClientError(.protocolViolation, "the server did not return its text output settings")
        }
        return settings
    }

    /// The settings in the result of ``ServerTextSettings/query``, or nil when it is not that result.
    public func textSettings(from result: PostgresResult?) -> ServerTextSettings? {
        guard let row = result?.rows.first, row.count == 5 else { return nil }
        return ServerTextSettings(currentSettings: (0..<5).map { row.text(at: $0) }, serverVersionNumber: serverVersionNumber)
    }
}
