import PGSupport

/// An ErrorResponse from the server, with every field the protocol defines.
///
/// ``description`` reads like psql's: `ERROR:  relation "x" does not exist (SQLSTATE 42P01)` followed by
/// detail and hint when present.
public struct PostgresServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All fields, as received.
    public let fields: ErrorNoticeFields
    /// The phase in which the server sent it (authentication, startup or query).
    public let phase: ConnectionPhase

    /// Creates the error from its fields.
    public init(fields: ErrorNoticeFields, phase: ConnectionPhase) {
        self.fields = fields
        self.phase = phase
    }

    /// ERROR, FATAL or PANIC, never localised (`V`, falling back to `S`).
    public var severity: String { fields["V"] ?? fields["S"] ?? "ERROR" }
    /// The SQLSTATE code, e.g. "28P01" (invalid password).
    public var sqlState: String { fields["C"] ?? "XX000" }
    /// The primary message.
    public var message: String { fields["M"] ?? "(no message)" }
    /// Optional secondary detail.
    public var detail: String? { fields["D"] }
    /// Optional suggestion.
    public var hint: String? { fields["H"] }
    /// 1-based character position in the query text where the error is.
    public var position: Int? { fields["P"].flatMap { Int($0) } }
    /// Position in an internally generated query.
    public var internalPosition: Int? { fields["p"].flatMap { Int($0) } }
    /// The internally generated query.
    public var internalQuery: String? { fields["q"] }
    /// Call-stack context.
    public var context: String? { fields["W"] }
    /// The schema of the object involved.
    public var schemaName: String? { fields["s"] }
    /// The table involved.
    public var tableName: String? { fields["t"] }
    /// The column involved.
    public var columnName: String? { fields["c"] }
    /// The data type involved.
    public var dataTypeName: String? { fields["d"] }
    /// The constraint involved.
    public var constraintName: String? { fields["n"] }
    /// The server source file, line and routine that raised it.
    public var sourceLocation: (file: String?, line: Int?, routine: String?) {
        (fields["F"], fields["L"].flatMap { Int($0) }, fields["R"])
    }

    /// Whether the server is ending the session (FATAL or PANIC): nothing more will come on this connection.
    public var isFatal: Bool { severity == "FATAL" || severity == "PANIC" }

    public var description: String {
        var text = "\(severity):  \(message) (SQLSTATE \(sqlState))"
        if let position { text += " at character \(position)" }
        if let detail { text += "\nDETAIL:  \(detail)" }
        if let hint { text += "\nHINT:  \(hint)" }
        return text
    }

    public static func == (lhs: PostgresServerError, rhs: PostgresServerError) -> Bool {
        lhs.fields == rhs.fields && lhs.phase == rhs.phase
    }
}

/// A NoticeResponse (warnings, notices, debug output the server chose to send).
public struct PostgresNotice: Sendable, Equatable, CustomStringConvertible {
    /// All fields, as received.
    public let fields: ErrorNoticeFields

    /// Creates a notice from its fields.
    public init(fields: ErrorNoticeFields) { self.fields = fields }

    /// WARNING, NOTICE, DEBUG, INFO or LOG.
    public var severity: String { fields["V"] ?? fields["S"] ?? "NOTICE" }
    /// The SQLSTATE code.
    public var sqlState: String { fields["C"] ?? "00000" }
    /// The message.
    public var message: String { fields["M"] ?? "" }

    public var description: String { "\(severity):  \(message)" }
}

extension PostgresServerError: ClassifiedError {
    /// An error while a query ran is the server's; one sent during authentication or startup means the
    /// connection could not be made.
    public var failureKind: FailureKind { phase == .query ? .server : .connection }
}
