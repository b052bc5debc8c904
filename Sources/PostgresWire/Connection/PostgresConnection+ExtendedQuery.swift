extension PostgresConnection {
    /// Runs one statement with the extended protocol and bound parameters, streaming rows.
    ///
    /// Parameters are sent separately from the SQL (`$1`, `$2`...), so values are never spliced into
    /// the text. Results come in `resultFormat` (binary by default: cheaper to decode).
    /// - Returns: how the statement ended.
    @discardableResult
    public func query(
        _ sql: String,
        _ parameters: [(any PostgresEncodable)?] = [],
        resultFormat: PostgresFormat = .binary,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> StatementOutcome {
        try query(sql, parameters, resultFormats: .all(resultFormat), onColumns: onColumns, onRow: onRow)
    }

    /// Runs one statement with bound parameters and a format chosen per result column, streaming rows.
    ///
    /// The statement is parsed as the unnamed statement in the same write as Bind and Execute: nothing
    /// stays on the server (what a transaction pooler needs). With
    /// ``ResultFormats/serverText(columns:settings:)`` (the columns from a describe, the session's
    /// ``ServerTextSettings``), the rows' text through ``ResultTextRenderer`` or ``PostgresRow/text(at:)``
    /// is byte for byte what text format gives, and the server spends less time producing it.
    @discardableResult
    public func query(
        _ sql: String,
        _ parameters: [(any PostgresEncodable)?] = [],
        resultFormats: ResultFormats,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> StatementOutcome {
        try checkOpen()
        try SQLText.validate(sql)
        let bound = BoundParameters(parameters)
        Parse(sql: sql, parameterTypes: bound.types).encode(into: &writer)
        return try bindAndExecute(bound, statement: "", resultFormats: resultFormats, onColumns: onColumns, onRow: onRow)
    }

    /// Runs one statement with bound parameters and collects its rows.
    public func query(
        _ sql: String, _ parameters: [(any PostgresEncodable)?] = [], resultFormat: PostgresFormat = .binary
    ) throws -> PostgresResult {
        var collector = ResultCollector()
        let outcome = try query(sql, parameters, resultFormat: resultFormat, onColumns: { collector.begin($0) }, onRow: { collector.add($0) })
        collector.end(outcome)
        return collector.results[0]
    }

    /// Prepares a named statement once, to execute it many times.
    public func prepare(_ sql: String, name: String? = nil, parameterTypes: [PostgresOID] = []) throws -> PreparedStatement {
        try checkOpen()
        try SQLText.validate(sql)
        let statementName = name ?? "pgcheck_\(nextStatementNumber())"
        Parse(name: statementName, sql: sql, parameterTypes: parameterTypes).encode(into: &writer)
        Describe(.statement, name: statementName).encode(into: &writer)
        Sync().encode(into: &writer)
        try flushWriter()
        var parameterDescription: [PostgresOID] = []
        var columns: PostgresColumns?
        try readCycle(onColumns: { columns = $0 }, onParameters: { parameterDescription = $0.dataTypeOIDs })
        return PreparedStatement(name: statementName, sql: sql, parameterTypes: parameterDescription, columns: columns)
    }

    /// Executes a prepared statement with these parameters, streaming rows.
    @discardableResult
    public func execute(
        _ statement: PreparedStatement,
        _ parameters: [(any PostgresEncodable)?] = [],
        resultFormat: PostgresFormat = .binary,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> StatementOutcome {
        try execute(statement, parameters, resultFormats: .all(resultFormat), onColumns: onColumns, onRow: onRow)
    }

    /// Executes a prepared statement with a format chosen per result column, streaming rows.
    ///
    /// With ``ResultFormats/serverText(columns:settings:)`` (the statement's ``PreparedStatement/columns``
    /// and the session's ``ServerTextSettings``), the rows' text through ``ResultTextRenderer`` or
    /// ``PostgresRow/text(at:)`` is byte for byte what text format gives, and the server spends less time
    /// producing it.
    @discardableResult
    public func execute(
        _ statement: PreparedStatement,
        _ parameters: [(any PostgresEncodable)?] = [],
        resultFormats: ResultFormats,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> StatementOutcome {
        try checkOpen()
        guard parameters.count == statement.parameterTypes.count else {
            throw ClientError(.query, "statement \"\(statement.name)\" takes \(statement.parameterTypes.count) parameter(s), \(parameters.count) given")
        }
        return try bindAndExecute(
            BoundParameters(parameters), statement: statement.name, resultFormats: resultFormats, onColumns: onColumns, onRow: onRow)
    }

    /// Releases a prepared statement on the server.
    public func deallocate(_ statement: PreparedStatement) throws {
        try checkOpen()
        Close(.statement, name: statement.name).encode(into: &writer)
        Sync().encode(into: &writer)
        try flushWriter()
        try readCycle()
    }

    /// Appends Bind, Describe portal, Execute and Sync after whatever is queued (a Parse, or nothing for a
    /// prepared statement), sends them in one write and reads the single statement's result.
    private func bindAndExecute(
        _ bound: BoundParameters, statement: String, resultFormats: ResultFormats,
        onColumns: (PostgresColumns) throws -> Void, onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> StatementOutcome {
        bound.bind(statement: statement, resultFormats: resultFormats.formats).encode(into: &writer)
        Describe(.portal).encode(into: &writer)
        Execute().encode(into: &writer)
        Sync().encode(into: &writer)
        try flushWriter()
        var outcome = StatementOutcome(commandTag: "", rowCount: 0)
        try readCycle(textSettings: resultFormats.textSettings, onColumns: onColumns, onRow: onRow, onStatementEnd: { outcome = $0 })
        return outcome
    }
}

/// A statement prepared on the server, executed with ``PostgresConnection/execute(_:_:resultFormat:onColumns:onRow:)``.
public struct PreparedStatement: Sendable {
    /// The server-side name.
    public let name: String
    /// The SQL it was prepared from.
    public let sql: String
    /// The parameter types the server settled on.
    public let parameterTypes: [PostgresOID]
    /// The result columns (with text format codes: the format is chosen at execution), or nil when it returns no rows.
    public let columns: PostgresColumns?
}

/// Parameters encoded once for Parse and Bind.
struct BoundParameters {
    let types: [PostgresOID]
    let formats: [Int16]
    let values: [[UInt8]?]

    init(_ parameters: [(any PostgresEncodable)?]) {
        var types: [PostgresOID] = []
        var formats: [Int16] = []
        var values: [[UInt8]?] = []
        for parameter in parameters {
            guard let parameter else {
                types.append(0)
                formats.append(PostgresFormat.text.rawValue)
                values.append(nil)
                continue
            }
            types.append(parameter.postgresParameterType)
            formats.append(parameter.postgresFormat.rawValue)
            values.append(parameter.postgresParameterBytes())
        }
        self.types = types
        self.formats = formats
        self.values = values
    }

    func bind(statement: String, resultFormats: [PostgresFormat]) -> Bind {
        Bind(statement: statement, parameterFormats: formats, parameters: values, resultFormats: resultFormats.map(\.rawValue))
    }
}
