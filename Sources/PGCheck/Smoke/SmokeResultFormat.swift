import PostgresWire

/// Which wire format a smoke query's result columns are asked for in.
public enum SmokeResultFormat: Sendable, Equatable {
    /// Every column in text format: each value's bytes are the server's text.
    case text
    /// Binary format for the columns whose server text pgcheck prints byte for byte from it under the
    /// session's settings, text for the others (``PostgresWire/ResultFormats/serverText(columns:settings:)``):
    /// the same printed output, at the server's cheaper binary-format cost.
    case serverText

    /// The formats to bind `prepared` with, given the session's settings (nil: not read, all text).
    ///
    /// A query that may change the settings while it runs (`set_config(…)` in its SQL) gets text format:
    /// the settings read before it started would no longer describe what the server prints.
    func resultFormats(for prepared: PreparedSmokeQuery, settings: ServerTextSettings?) -> ResultFormats {
        guard self == .serverText, let settings, !prepared.query.sql.lowercased().contains("set_config") else {
            return .all(.text)
        }
        return .serverText(columns: prepared.columns, settings: settings)
    }
}
