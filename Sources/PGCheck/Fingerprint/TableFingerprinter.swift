import Foundation
import PostgresWire

/// How to fingerprint a table.
public struct FingerprintOptions: Sendable, Equatable {
    /// The columns to hash (nil: every column, in table order).
    public var columns: [String]?
    /// The ordering key (nil: the primary key). It must be unique, or equal keys may come in any order.
    public var orderBy: [String]?
    /// Rows per range.
    public var rangeSize: Int
    /// `statement_timeout` for the COPY; nil (the default) for none, since a full pass over a large
    /// table takes as long as it takes.
    public var statementTimeout: Duration?
    /// `lock_timeout`: do not queue behind a migration's exclusive lock.
    public var lockTimeout: Duration

    /// Creates options.
    public init(columns: [String]? = nil, orderBy: [String]? = nil, rangeSize: Int = 100_000,
                statementTimeout: Duration? = nil, lockTimeout: Duration = .seconds(5)) {
        self.columns = columns
        self.orderBy = orderBy
        self.rangeSize = rangeSize
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
    }
}

/// What a fingerprint run found.
public struct FingerprintSummary: Sendable, Equatable {
    /// The table, qualified.
    public let table: String
    /// Rows read.
    public let rowCount: Int
    /// Ranges written.
    public let rangeCount: Int
    /// Each column's digest.
    public let columns: [FingerprintDocument.Column]
}

/// Fingerprints a table's data in one streaming pass (see ``FingerprintDocument`` for what is hashed).
///
/// The table is read with one `SELECT … ORDER BY key`, inside a `REPEATABLE READ READ ONLY` transaction
/// (one consistent snapshot, no writes possible), and each value is hashed as its COPY text field: the
/// type's canonical text under pinned settings, so a migration that widens `integer` to `bigint` or
/// changes `varchar(80)` to `text` keeps the same data and so the same hashes, where binary bytes would
/// change. The columns whose text pgcheck renders byte for byte from binary format (numbers, dates and
/// times, UUIDs, jsonb…, see ``PostgresWire/ServerTextSettings/rendersBinary(_:)``) are read in binary,
/// which the server produces more cheaply, and rendered; the others in text. The hashes are those of
/// `COPY (SELECT …) TO STDOUT` under the same settings. Each row is lent from the receive buffer, its
/// values fed to per-column digests and dropped: memory does not depend on the table's size.
public enum TableFingerprinter {
    /// The settings that pin every type's text output, so the same data hashes the same on any server.
    public static let encodingSettings: [(name: String, value: String)] = [
        ("DateStyle", "ISO, YMD"), ("IntervalStyle", "postgres"), ("TimeZone", "UTC"),
        ("extra_float_digits", "1"), ("bytea_output", "hex"), ("lc_monetary", "C"),
    ]

    /// Fingerprints `table` on `connection`, writing the JSON document to `writer` as it goes.
    ///
    /// - Throws: ``FingerprintError`` for a bad request (unknown table or column, no ordering key),
    ///   ``PostgresWire/PostgresServerError`` for server errors, ``OutputError`` for write failures.
    public static func fingerprint(
        table: String, options: FingerprintOptions = FingerprintOptions(), connection: PostgresConnection,
        writer: OutputWriter, progress: (any SmokeProgress)? = nil
    ) throws -> FingerprintSummary {
        guard options.rangeSize > 0 else { throw FingerprintError.invalidRequest("--range-size must be at least 1") }
        let settings = try ReadOnlyTransaction.begin(
            on: connection, statementTimeout: options.statementTimeout, lockTimeout: options.lockTimeout,
            repeatableRead: true, settings: encodingSettings, readTextSettings: true)
        defer { ReadOnlyTransaction.end(on: connection) }
        let target = try FingerprintTable.resolve(table, columns: options.columns, orderBy: options.orderBy, on: connection)
        // The unnamed statement: it lives until the next one, so nothing needs releasing.
        let statement = try connection.prepare(target.selectStatement, name: "")
        var json = FingerprintJSONWriter(writer: writer)
        try json.begin(
            table: target.qualifiedName, orderBy: target.key.map(\.name), rangeSize: options.rangeSize,
            encoding: [("copy", "text")] + encodingSettings.map { ($0.name, $0.value) })
        let pass = FingerprintPass(table: target, rangeSize: options.rangeSize, json: json)
        progress?.started(query: target.qualifiedName)
        defer { progress?.finished() }
        let formats = ResultFormats.serverText(columns: statement.columns, settings: settings ?? .assumed)
        try connection.execute(statement, resultFormats: formats, onColumns: { pass.begin($0) }) { row in
            try pass.add(row)
            if let progress { progress.row(bytes: Self.size(of: row)) }
        }
        try pass.finish()
        let columns = pass.columnDigests()
        try pass.json.end(columns: columns, rowCount: pass.rowCount, meta: meta(connection: connection))
        return FingerprintSummary(table: target.qualifiedName, rowCount: pass.rowCount, rangeCount: pass.rangeIndex, columns: columns)
    }

    /// The bytes a row's values occupied on the wire, for the progress line.
    private static func size(of row: borrowing PostgresRow) -> Int {
        var total = 0
        for index in 0..<row.count { total += row.withBytes(at: index) { $0?.count ?? 0 } }
        return total
    }

    private static func meta(connection: PostgresConnection) -> [(String, String)] {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return [
            ("capturedAt", formatter.string(from: Date())), ("database", connection.configuration.database),
            ("serverVersion", connection.serverVersion), ("pgcheckVersion", PGCheckVersion.current),
        ]
    }
}

/// The state of one pass over the rows: digests, the current range and its keys.
private final class FingerprintPass {
    let table: FingerprintTable
    let rangeSize: Int
    var json: FingerprintJSONWriter
    private let digests: [ColumnDigest]
    /// Each value's text output, rendered from binary where the column came in binary.
    private var renderer: ResultTextRenderer?
    /// Per hashed column: its text never needs COPY escaping.
    private var plain: [Bool] = []
    private var firstKey: [String?] = []
    /// The last row's key texts, copied (nil ranges for NULL) so the range's last key is known when it closes.
    private var lastKeyBytes: [UInt8] = []
    private var lastKeyFields: [Range<Int>?] = []
    private(set) var rowCount = 0
    private(set) var rangeIndex = 0
    private var rowsInRange = 0

    init(table: FingerprintTable, rangeSize: Int, json: FingerprintJSONWriter) {
        self.table = table
        self.rangeSize = rangeSize
        self.json = json
        digests = table.columns.map { _ in ColumnDigest() }
    }

    func begin(_ columns: PostgresColumns) {
        let renderer = ResultTextRenderer(columns: columns)
        self.renderer = renderer
        plain = (0..<table.columns.count).map { renderer.isPlainASCII($0) }
    }

    func add(_ row: borrowing PostgresRow) throws {
        guard let renderer else { throw FingerprintError.invalidRequest("the server sent rows before describing them") }
        let hashedCount = table.columns.count
        guard row.count == hashedCount + table.key.count else {
            throw FingerprintError.invalidRequest("the server returned a row with \(row.count) fields where \(hashedCount + table.key.count) were selected")
        }
        for index in 0..<hashedCount {
            row.withBytes(at: index) { bytes in
                renderer.withText(bytes, column: index) { digests[index].add(text: $0, plain: plain[index]) }
            }
        }
        lastKeyBytes.removeAll(keepingCapacity: true)
        lastKeyFields.removeAll(keepingCapacity: true)
        for index in hashedCount..<row.count {
            row.withBytes(at: index) { bytes in
                renderer.withText(bytes, column: index) { text in
                    guard let text else { return lastKeyFields.append(nil) }
                    let start = lastKeyBytes.count
                    lastKeyBytes.append(contentsOf: text)
                    lastKeyFields.append(start..<lastKeyBytes.count)
                }
            }
        }
        if rowsInRange == 0 { firstKey = lastKeyTexts() }
        rowCount += 1
        rowsInRange += 1
        if rowsInRange == rangeSize { try closeRange() }
    }

    func finish() throws {
        if rowsInRange > 0 { try closeRange() }
    }

    func columnDigests() -> [FingerprintDocument.Column] {
        zip(table.columns, digests).map { FingerprintDocument.Column(name: $0.name, type: $0.type, sha256: $1.finishTotal()) }
    }

    private func lastKeyTexts() -> [String?] {
        lastKeyFields.map { field in field.map { String(decoding: lastKeyBytes[$0], as: UTF8.self) } }
    }

    private func closeRange() throws {
        let lastKey = lastKeyTexts()
        var hashes: [String: String] = [:]
        for (column, digest) in zip(table.columns, digests) { hashes[column.name] = digest.finishRange() }
        let range = FingerprintDocument.RowRange(index: rangeIndex, rows: rowsInRange, firstKey: firstKey, lastKey: lastKey, sha256: hashes)
        try json.range(range, columnOrder: table.columns.map(\.name))
        rangeIndex += 1
        rowsInRange = 0
    }
}
