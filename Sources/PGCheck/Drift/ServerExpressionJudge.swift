import PostgresWire

/// Lets the server decide whether two spellings of an expression are the same, without writing anything.
///
/// Each expression is planned, never run: `EXPLAIN (VERBOSE, COSTS OFF) SELECT (expression)::type FROM
/// table`, each in a READ ONLY transaction of its own (so one that fails spoils nothing, and a pooler
/// keeps nothing), one statement through the extended protocol (so a snapshot's text
/// can never smuggle in a second statement). The plan's `Output:` line is the expression as the server's
/// own deparser prints it, after name resolution and constant folding: `"usage_events"."quantity" >= 0`
/// and the catalog's `(quantity >= 0)` both come out as `(usage_events.quantity >= 0)`. A database built
/// by running the migration stores exactly the server's form of drizzle's text, so two different forms
/// mean the database was not built from it. Nothing is evaluated (`nextval`, `now()` stay calls), no
/// lock beyond `AccessShareLock` on the table is taken, and nothing is created, even temporarily.
public final class ServerExpressionJudge {
    private let connection: PostgresConnection
    private let statementTimeout: Duration
    private var cache: [String: String?] = [:]
    /// How many expressions the server was asked to plan.
    public private(set) var plannedCount = 0

    /// Uses `connection`, each expression in a read-only transaction limited to `statementTimeout`.
    public init(connection: PostgresConnection, statementTimeout: Duration = .seconds(60)) {
        self.connection = connection
        self.statementTimeout = statementTimeout
    }

    /// The server's canonical form of `expression`, planned over `table` (schema, name) when it refers to
    /// columns, cast to `type` when given; nil when the server cannot plan it.
    public func canonical(_ expression: String, table: (schema: String, name: String)? = nil, castTo type: String? = nil) -> String? {
        var sql = "EXPLAIN (VERBOSE, COSTS OFF) SELECT (\n\(expression)\n)"
        if let type { sql += "::\(type)" }
        if let table { sql += " FROM \(SQLIdentifier.qualified(table.schema, table.name))" }
        if let known = cache[sql] { return known }
        plannedCount += 1
        var output: String?
        do {
            let result = try ReadOnlyTransaction.run(on: connection, statementTimeout: statementTimeout) {
                try connection.query(sql, resultFormat: .text)
            }
            for row in result.rows {
                let line = try row.decode(String.self, at: 0).trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("Output: ") { output = String(line.dropFirst("Output: ".count)); break }
            }
        } catch {
            output = nil
        }
        cache[sql] = output
        return output
    }

    /// Compares two expressions through ``canonical(_:table:castTo:)``: `.undecided` when either cannot be planned.
    public func compare(_ expected: String, _ actual: String, table: (schema: String, name: String)? = nil, castTo type: String? = nil) -> DriftExpressions.Verdict {
        guard let left = canonical(expected, table: table, castTo: type), let right = canonical(actual, table: table, castTo: type) else {
            return .undecided
        }
        return left == right ? .same : .different
    }
}
