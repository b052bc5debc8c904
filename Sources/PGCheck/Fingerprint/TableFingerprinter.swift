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
/// The table is read with one `COPY (SELECT … ORDER BY key) TO STDOUT` in text format, inside a
/// `REPEATABLE READ READ ONLY` transaction (one consistent snapshot, no writes possible). Text COPY is
/// used rather than binary because its output is the types' canonical text under pinned settings:
/// a migration that widens `integer` to `bigint` or changes `varchar(80)` to `text` keeps the same
/// data and so the same hashes, where binary COPY would change every byte; and a raw tab always
/// separates fields, so values can be hashed without decoding any type. Each row is lent from the
/// receive buffer, its fields fed to per-column digests and dropped: memory does not depend on the
/// table's size.
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
        try ReadOnlyTransaction.begin(
            on: connection, statementTimeout: options.statementTimeout, lockTimeout: options.lockTimeout,
            repeatableRead: true, settings: encodingSettings)
        defer { ReadOnlyTransaction.end(on: connection) }
        let target = try FingerprintTable.resolve(table, columns: options.columns, orderBy: options.orderBy, on: connection)
        var json = FingerprintJSONWriter(writer: writer)
        try json.begin(
            table: target.qualifiedName, orderBy: target.key.map(\.name), rangeSize: options.rangeSize,
            encoding: [("copy", "text")] + encodingSettings.map { ($0.name, $0.value) })
        let pass = FingerprintPass(table: target, rangeSize: options.rangeSize, json: json)
        progress?.started(query: target.qualifiedName)
        defer { progress?.finished() }
        try connection.copyOut(target.copyStatement) { line in
            try pass.add(line)
            progress?.row(bytes: line.count)
        }
        try pass.finish()
        let columns = pass.columnDigests()
        try pass.json.end(columns: columns, rowCount: pass.rowCount, meta: meta(connection: connection))
        return FingerprintSummary(table: target.qualifiedName, rowCount: pass.rowCount, rangeCount: pass.rangeIndex, columns: columns)
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

/// The state of one pass over the COPY stream: digests, the current range and its keys.
private final class FingerprintPass {
    let table: FingerprintTable
    let rangeSize: Int
    var json: FingerprintJSONWriter
    private let digests: [ColumnDigest]
    private var fields: [Range<Int>] = []
    private var firstKey: [String?] = []
    /// The last row's key fields, copied (raw COPY bytes) so the range's last key is known when it closes.
    private var lastKeyBytes: [UInt8] = []
    private var lastKeyFields: [Range<Int>] = []
    private(set) var rowCount = 0
    private(set) var rangeIndex = 0
    private var rowsInRange = 0

    init(table: FingerprintTable, rangeSize: Int, json: FingerprintJSONWriter) {
        self.table = table
        self.rangeSize = rangeSize
        self.json = json
        digests = table.columns.map { _ in ColumnDigest() }
    }

    func add(_ line: UnsafeRawBufferPointer) throws {
        let hashedCount = table.columns.count
        try CopyTextLine.split(line, count: hashedCount + table.key.count, into: &fields)
        for index in 0..<hashedCount {
            digests[index].add(UnsafeRawBufferPointer(rebasing: line[fields[index]]))
        }
        if rowsInRange == 0 {
            firstKey = fields[hashedCount...].map { CopyTextLine.value(UnsafeRawBufferPointer(rebasing: line[$0])) }
        }
        lastKeyBytes.removeAll(keepingCapacity: true)
        lastKeyFields.removeAll(keepingCapacity: true)
        for field in fields[hashedCount...] {
            let start = lastKeyBytes.count
            lastKeyBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[field]))
            lastKeyFields.append(start..<lastKeyBytes.count)
        }
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

    private func closeRange() throws {
        let lastKey = lastKeyBytes.withUnsafeBytes { bytes in
            lastKeyFields.map { CopyTextLine.value(UnsafeRawBufferPointer(rebasing: bytes[$0])) }
        }
        var hashes: [String: String] = [:]
        for (column, digest) in zip(table.columns, digests) { hashes[column.name] = digest.finishRange() }
        let range = FingerprintDocument.RowRange(index: rangeIndex, rows: rowsInRange, firstKey: firstKey, lastKey: lastKey, sha256: hashes)
        try json.range(range, columnOrder: table.columns.map(\.name))
        rangeIndex += 1
        rowsInRange = 0
    }
}
