/// Whether the columns fingerprinted in A hold the same data in B, and where they differ.
///
/// Columns only B has are fine (a migration that adds columns leaves the old ones untouched); a column
/// of A missing from B is a difference. Where a column differs, the ranges are walked in step to say
/// which rows: a range whose hashes differ but whose keys and row count match had a value changed; the
/// first range whose keys or row count differ had rows added or removed, and every later range is
/// shifted by it, so the report points there and stops.
public struct FingerprintComparison: Sendable, Equatable {
    /// One difference found.
    public enum Difference: Sendable, Equatable, CustomStringConvertible {
        /// A's column is not in B.
        case missingColumn(String)
        /// The tables have different row counts.
        case rowCount(a: Int, b: Int)
        /// A column's values differ inside a range whose rows line up (same keys, same count).
        case changedValues(column: String, range: Int, firstKey: [String?], lastKey: [String?])
        /// Rows were added or removed inside this range of A; later ranges are shifted and not compared.
        case rowsAddedOrRemoved(range: Int, a: RangeBounds, b: RangeBounds?, laterRanges: Bool)
        /// B has rows past A's last range (rows added after A's last key, or A was empty).
        case extraRange(range: Int, b: RangeBounds)
        /// A column differs but ranges could not be compared (different range sizes).
        case changedColumn(String)

        public var description: String {
            switch self {
            case .missingColumn(let name):
                return "column \(name) is in A but not in B"
            case .rowCount(let a, let b):
                return "row count: \(a) in A, \(b) in B"
            case .changedValues(let column, let range, let first, let last):
                return "column \(column): values differ in range \(range) (keys \(Self.key(first)) .. \(Self.key(last)))"
            case .rowsAddedOrRemoved(let range, let a, let b, let laterRanges):
                let inB = b.map { "; in B that range holds \($0)" } ?? "; B has no such range"
                return "rows added or removed in range \(range): in A it holds \(a)\(inB)" + (laterRanges ? "; later ranges shift and are not compared" : "")
            case .extraRange(let range, let b):
                return "rows added after A's last row: B's range \(range) holds \(b)"
            case .changedColumn(let name):
                return "column \(name): values differ (the range sizes differ, so the rows cannot be located)"
            }
        }

        static func key(_ values: [String?]) -> String {
            "(" + values.map { $0 ?? "NULL" }.joined(separator: ", ") + ")"
        }
    }

    /// A range's extent: its keys and row count.
    public struct RangeBounds: Sendable, Equatable, CustomStringConvertible {
        /// The ordering key of the range's first row.
        public let firstKey: [String?]
        /// The ordering key of its last row.
        public let lastKey: [String?]
        /// Its row count.
        public let rows: Int

        init(_ range: FingerprintDocument.RowRange) {
            firstKey = range.firstKey
            lastKey = range.lastKey
            rows = range.rows
        }

        public var description: String {
            "keys \(Difference.key(firstKey)) .. \(Difference.key(lastKey)), \(rows) row\(rows == 1 ? "" : "s")"
        }
    }

    /// The columns compared (A's columns).
    public let comparedColumns: [String]
    /// Columns only B has (added, not compared).
    public let addedColumns: [String]
    /// The columns whose data matched.
    public let matchingColumns: [String]
    /// Everything that differs, in a stable order.
    public let differences: [Difference]

    /// Whether the columns of A hold the same data in B.
    public var isSame: Bool { differences.isEmpty }

    /// Compares two fingerprints.
    ///
    /// - Throws: ``FingerprintError/incomparable(_:)`` when they were taken with different orderings
    ///   or text settings (their hashes would differ whatever the data).
    public static func compare(_ a: FingerprintDocument, _ b: FingerprintDocument) throws -> FingerprintComparison {
        guard a.orderBy == b.orderBy else {
            throw FingerprintError.incomparable("A is ordered by (\(a.orderBy.joined(separator: ", "))) and B by (\(b.orderBy.joined(separator: ", "))); take both with the same --order-by")
        }
        guard a.encoding == b.encoding else {
            throw FingerprintError.incomparable("they were taken with different text settings (\(a.encoding) vs \(b.encoding))")
        }
        let bColumns = Dictionary(b.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let aNames = Set(a.columns.map(\.name))
        var differences: [Difference] = []
        var matching: [String] = []
        var changed: [String] = []
        for column in a.columns {
            guard let other = bColumns[column.name] else {
                differences.append(.missingColumn(column.name))
                continue
            }
            if other.sha256 == column.sha256 { matching.append(column.name) } else { changed.append(column.name) }
        }
        if a.rowCount != b.rowCount { differences.append(.rowCount(a: a.rowCount, b: b.rowCount)) }
        if !changed.isEmpty || a.rowCount != b.rowCount {
            differences += locate(changed, a: a, b: b)
        }
        return FingerprintComparison(
            comparedColumns: a.columns.map(\.name), addedColumns: b.columns.map(\.name).filter { !aNames.contains($0) },
            matchingColumns: matching, differences: differences)
    }

    /// Walks the ranges in step and says where each changed column differs.
    private static func locate(_ changed: [String], a: FingerprintDocument, b: FingerprintDocument) -> [Difference] {
        guard a.rangeSize == b.rangeSize else { return changed.map(Difference.changedColumn) }
        var found: [Difference] = []
        for index in 0..<max(a.ranges.count, b.ranges.count) {
            guard index < a.ranges.count else {
                // B has ranges A lacks: rows were added after A's last key.
                found.append(.extraRange(range: index, b: RangeBounds(b.ranges[index])))
                break
            }
            let rangeA = a.ranges[index]
            let rangeB = index < b.ranges.count ? b.ranges[index] : nil
            guard let rangeB, rangeB.firstKey == rangeA.firstKey, rangeB.lastKey == rangeA.lastKey, rangeB.rows == rangeA.rows else {
                let later = index + 1 < max(a.ranges.count, b.ranges.count)
                found.append(.rowsAddedOrRemoved(range: index, a: RangeBounds(rangeA), b: rangeB.map(RangeBounds.init), laterRanges: later))
                break
            }
            for column in changed where rangeA.sha256[column] != rangeB.sha256[column] {
                found.append(.changedValues(column: column, range: index, firstKey: rangeA.firstKey, lastKey: rangeA.lastKey))
            }
        }
        return found
    }

    /// The report `pgcheck fingerprint --compare` prints.
    public func report(table: String, pathA: String, pathB: String) -> String {
        var lines = ["fingerprint comparison of \(table): A = \(pathA), B = \(pathB)"]
        lines.append("columns compared: \(comparedColumns.count)" + (addedColumns.isEmpty ? "" : " (B adds \(addedColumns.joined(separator: ", ")), not compared)"))
        for column in comparedColumns {
            lines.append("\(matchingColumns.contains(column) ? "SAME" : "DIFF") \(column)")
        }
        for difference in differences { lines.append("  \(difference)") }
        lines.append(isSame ? "result: SAME (every column of A holds the same data in B)" : "result: DIFFERENT")
        return lines.joined(separator: "\n") + "\n"
    }
}
