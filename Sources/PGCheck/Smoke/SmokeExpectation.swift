/// What a smoke query's result must show for the run to pass.
///
/// Parse the command-line and smoke-file spelling with ``parse(_:)``:
/// `missing_window_end = 0`, `buckets_with_windows > 0`, `source != NULL`, `meter = 'api_calls'`,
/// `window_end >= window_start`. Row-count expectations come from `--expect-rows N` and
/// `--expect-empty` (``rowCount(_:)`` and ``empty``).
public enum SmokeExpectation: Sendable, Equatable, CustomStringConvertible {
    /// A named column of a one-row result compared with a value or another column.
    case comparison(SmokeComparison)
    /// The result has exactly this many rows.
    case rowCount(Int)
    /// The result has no rows.
    case empty

    /// Parses `column OP value` (see ``SmokeExpectationParser``).
    ///
    /// - Throws: ``SmokeExpectationSyntaxError`` naming the position and what was expected there.
    public static func parse(_ text: String) throws -> SmokeExpectation {
        .comparison(try SmokeExpectationParser.parse(text))
    }

    /// The result columns this expectation reads (empty for row counts).
    public var referencedColumns: [String] {
        guard case .comparison(let comparison) = self else { return [] }
        if case .column(let other) = comparison.operand { return [comparison.column, other] }
        return [comparison.column]
    }

    /// The expectation as it would be written: `missing_window_end = 0`, `rows = 3`, `empty`.
    public var description: String {
        switch self {
        case .comparison(let comparison): return comparison.description
        case .rowCount(let count): return "rows = \(count)"
        case .empty: return "empty"
        }
    }
}

/// `column OP operand`, e.g. `missing_window_end = 0`.
public struct SmokeComparison: Sendable, Equatable, CustomStringConvertible {
    /// The result column on the left (unquoted names are folded to lower case, as SQL does).
    public var column: String
    /// The comparison.
    public var comparisonOperator: SmokeComparisonOperator
    /// What the column is compared with.
    public var operand: SmokeComparisonOperand

    /// Creates a comparison.
    public init(column: String, comparisonOperator: SmokeComparisonOperator, operand: SmokeComparisonOperand) {
        self.column = column
        self.comparisonOperator = comparisonOperator
        self.operand = operand
    }

    public var description: String {
        "\(SmokeComparisonOperand.identifierText(column)) \(comparisonOperator.rawValue) \(operand)"
    }
}

/// The comparisons an expectation can make (`<>` is read as `!=`).
public enum SmokeComparisonOperator: String, Sendable, Equatable, CaseIterable {
    /// `=`
    case equal = "="
    /// `!=` (also written `<>`)
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// Whether a comparison whose left side orders `order` against the right side holds.
    func holds(_ order: Order) -> Bool {
        switch self {
        case .equal: return order == .equal
        case .notEqual: return order != .equal
        case .less: return order == .less
        case .lessOrEqual: return order != .greater
        case .greater: return order == .greater
        case .greaterOrEqual: return order != .less
        }
    }

    /// How two values order.
    enum Order { case less, equal, greater }
}

/// The right-hand side of a comparison.
public enum SmokeComparisonOperand: Sendable, Equatable, CustomStringConvertible {
    /// A number, kept as written so comparison is exact (`0`, `-1.5`, `2e6`).
    case number(String)
    /// A `'quoted string'` (compared as text, byte by byte).
    case string(String)
    /// `TRUE` or `FALSE`, compared with a boolean column.
    case boolean(Bool)
    /// `NULL`: `= NULL` means IS NULL and `!= NULL` IS NOT NULL.
    case null
    /// Another column of the same row.
    case column(String)

    public var description: String {
        switch self {
        case .number(let text): return text
        case .string(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .null: return "NULL"
        case .column(let name): return Self.identifierText(name)
        }
    }

    /// A column name as it would be typed: bare when SQL would read it back unchanged, quoted otherwise.
    static func identifierText(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        let isPlain = scalars.first.map { $0 == "_" || ("a"..."z").contains($0) } ?? false
            && scalars.allSatisfy { $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            && !["null", "true", "false"].contains(name)
        return isPlain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
