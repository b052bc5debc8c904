import PostgresWire

/// Watches a result stream for a query's expectations: counts rows and keeps the first row's values
/// of the columns the expectations name (nothing else, so memory stays flat), then judges.
final class SmokeExpectationObserver {
    private let expectations: [SmokeExpectation]
    private let columns: PostgresColumns
    /// Column positions the comparisons read, resolved once.
    private let watched: [Int]
    private var firstRow: [Int: String?] = [:]
    private(set) var rowCount = 0

    /// Resolves every column the expectations name.
    ///
    /// - Throws: ``SmokeError/unknownColumn(query:column:available:)`` for a name the result lacks.
    init(expectations: [SmokeExpectation], columns: PostgresColumns?, query: String) throws {
        self.expectations = expectations
        let columns = columns ?? PostgresColumns(RowDescription(columns: []))
        self.columns = columns
        var watched: Set<Int> = []
        for expectation in expectations {
            for name in expectation.referencedColumns {
                guard let index = columns.index(of: name) else {
                    throw SmokeError.unknownColumn(query: query, column: name, available: columns.names)
                }
                watched.insert(index)
            }
        }
        self.watched = watched.sorted()
    }

    /// Whether any expectation looks at rows at all (otherwise the observer only counts).
    var needsValues: Bool { !watched.isEmpty }

    /// Sees one row.
    func observe<Row: ResultRow & ~Copyable>(_ row: borrowing Row) {
        rowCount += 1
        guard rowCount == 1 else { return }
        for index in watched { firstRow[index] = row.text(at: index) }
    }

    /// Judges every expectation on what was seen.
    func verdicts() -> [SmokeVerdict] {
        expectations.map(judge)
    }

    private func judge(_ expectation: SmokeExpectation) -> SmokeVerdict {
        switch expectation {
        case .rowCount(let expected):
            return SmokeVerdict(expectation: expectation, passed: rowCount == expected, actual: rowsText)
        case .empty:
            return SmokeVerdict(expectation: expectation, passed: rowCount == 0, actual: rowsText)
        case .comparison(let comparison):
            guard rowCount == 1 else {
                let reason = rowCount == 0
                    ? "the query returned no rows; column expectations need exactly one"
                    : "the query returned \(rowCount) rows; column expectations need exactly one"
                return SmokeVerdict(expectation: expectation, passed: false, actual: rowsText, reason: reason)
            }
            return judge(comparison, as: expectation)
        }
    }

    private var rowsText: String { rowCount == 1 ? "1 row" : "\(rowCount) rows" }

    private func value(of column: String) -> String? {
        columns.index(of: column).flatMap { firstRow[$0] ?? nil }
    }

    private func judge(_ comparison: SmokeComparison, as expectation: SmokeExpectation) -> SmokeVerdict {
        let actual = value(of: comparison.column)
        let shown = Self.show(actual, type: columns.index(of: comparison.column).map(columns.typeOID(at:)))
        func verdict(_ passed: Bool, _ reason: String? = nil) -> SmokeVerdict {
            SmokeVerdict(expectation: expectation, passed: passed, actual: shown, reason: reason)
        }
        let op = comparison.comparisonOperator
        switch comparison.operand {
        case .null:
            return verdict(op == .equal ? actual == nil : actual != nil)
        case _ where actual == nil:
            return verdict(false, "NULL never compares equal or unequal; write \(SmokeComparisonOperand.identifierText(comparison.column)) = NULL to expect NULL")
        case .number(let text):
            guard let left = SmokeNumericText(actual!), let right = SmokeNumericText(text) else {
                return verdict(false, "the value is not a number")
            }
            return verdict(op.holds(left.order(against: right)))
        case .string(let text):
            return verdict(op.holds(Self.textOrder(actual!, text)))
        case .boolean(let expected):
            guard let flag = Self.boolean(actual!) else { return verdict(false, "the value is not a boolean") }
            return verdict(op == .equal ? flag == expected : flag != expected)
        case .column(let other):
            guard let right = value(of: other) else {
                return verdict(false, "\(SmokeComparisonOperand.identifierText(other)) is NULL, and NULL never compares")
            }
            let order: SmokeComparisonOperator.Order
            if let leftNumber = SmokeNumericText(actual!), let rightNumber = SmokeNumericText(right) {
                order = leftNumber.order(against: rightNumber)
            } else {
                order = Self.textOrder(actual!, right)
            }
            return verdict(op.holds(order), "\(SmokeComparisonOperand.identifierText(other)) is \(Self.show(right, type: columns.index(of: other).map(columns.typeOID(at:))))")
        }
    }

    /// Byte-wise UTF-8 order (what the C collation gives): predictable whatever the server's locale.
    private static func textOrder(_ lhs: String, _ rhs: String) -> SmokeComparisonOperator.Order {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        if left == right { return .equal }
        return left.lexicographicallyPrecedes(right) ? .less : .greater
    }

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: return nil
        }
    }

    /// Numbers and booleans bare, text quoted, NULL as NULL.
    static func show(_ value: String?, type: PostgresOID?) -> String {
        guard let value else { return "NULL" }
        switch type {
        case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8, PostgresTypeOID.float4,
             PostgresTypeOID.float8, PostgresTypeOID.numeric, PostgresTypeOID.oid, PostgresTypeOID.bool:
            return value
        default:
            return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
