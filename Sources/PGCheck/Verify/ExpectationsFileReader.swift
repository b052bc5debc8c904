import Foundation
import Yams

/// Walks the YAML tree of an expectations file, checking every key and value.
struct ExpectationsFileReader {
    let input: YAMLInput<VerifyError>

    init(path: String) {
        input = YAMLInput(path: path) { .invalidExpectationsFile(path: path, line: $0, column: $1, problem: $2) }
    }

    private static let fileKeys = ["version", "expectations"]
    /// The key that names each kind of expectation, and the keys allowed with it.
    private static let kindKeys: [String: [String]] = [
        "table": [], "column": ["type", "not-null"], "index": ["on", "covers", "unique", "key-prefix"],
        "constraint": ["on"], "valid": [],
    ]

    func file(_ text: String) throws -> [SchemaExpectation] {
        guard let root = try input.compose(text) else { throw input.fail(nil, "the file is empty; it needs an `expectations:` list") }
        let entries = try input.mapping(root, what: "the file", allowed: Self.fileKeys)
        if let version = entries["version"], version.node.scalar?.string != "1" {
            throw input.fail(version.node, "unsupported version \(version.node.scalar?.string ?? "?"); this pgcheck reads version 1")
        }
        guard let list = entries["expectations"] else { throw input.fail(root, "the file has no `expectations:` list") }
        guard case .sequence(let sequence) = list.node, !sequence.isEmpty else {
            throw input.fail(list.node, "`expectations` must be a non-empty list")
        }
        return try sequence.enumerated().map { offset, item in try expectation(item, number: offset + 1) }
    }

    private func expectation(_ node: Node, number: Int) throws -> SchemaExpectation {
        let what = "expectation \(number)"
        guard case .mapping(let pairs) = node else {
            throw input.fail(node, "\(what) must be a mapping such as `index: NAME` with its options")
        }
        let kinds = pairs.compactMap { $0.key.scalar?.string }.filter { Self.kindKeys[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first, let allowed = Self.kindKeys[kind] else {
            let found = kinds.isEmpty ? "none" : kinds.joined(separator: " and ")
            throw input.fail(node, "\(what) needs exactly one of table, column, index, constraint, valid (found \(found))")
        }
        let entries = try input.mapping(node, what: "\(what) (\(kind))", allowed: [kind] + allowed)
        let value = entries[kind]!.node
        do {
            switch kind {
            case "table":
                return .table(try SQLName(parsing: try input.nonEmptyText(value, key: kind)))
            case "column":
                var column = try SchemaExpectationSyntax.column(try input.nonEmptyText(value, key: kind))
                if let type = entries["type"] { column.type = try input.nonEmptyText(type.node, key: "type") }
                if let notNull = entries["not-null"] { column.notNull = try input.bool(notNull.node, key: "not-null") }
                return .column(column)
            case "index":
                return .index(IndexExpectation(
                    name: try SQLName(parsing: try input.nonEmptyText(value, key: kind)),
                    table: try entries["on"].map { try SQLName(parsing: try input.nonEmptyText($0.node, key: "on")) },
                    covers: try entries["covers"].map { try columns($0.node, key: "covers") } ?? [],
                    unique: try entries["unique"].map { try input.bool($0.node, key: "unique") },
                    keyPrefix: try entries["key-prefix"].map { try columns($0.node, key: "key-prefix") } ?? []))
            case "constraint":
                let name = try SQLName.identifier(
                    parsing: try input.nonEmptyText(value, key: kind), what: "constraint name (it has no schema; name its table with `on:`)")
                return .constraint(ConstraintExpectation(
                    name: name, table: try entries["on"].map { try SQLName(parsing: try input.nonEmptyText($0.node, key: "on")) }))
            default:
                guard try input.bool(value, key: "valid") else { throw input.fail(value, "`valid: false` checks nothing; remove it or write `valid: true`") }
                return .allValid
            }
        } catch VerifyError.invalidArgument(let problem) {
            throw input.fail(value, "\(what): \(problem)")
        }
    }

    /// A list of column names, or one comma-separated string of them.
    private func columns(_ node: Node, key: String) throws -> [String] {
        switch node {
        case .scalar(let scalar):
            return try SchemaExpectationSyntax.columns(scalar.string, option: key)
        case .sequence(let sequence) where !sequence.isEmpty:
            return try sequence.flatMap { item in
                guard case .scalar(let scalar) = item else { throw input.fail(item, "each `\(key)` entry must be a column name") }
                return try SchemaExpectationSyntax.columns(scalar.string, option: key)
            }
        default:
            throw input.fail(node, "`\(key)` must be a list of column names")
        }
    }
}
