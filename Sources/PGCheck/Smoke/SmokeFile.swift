import Foundation
import Yams
import PGSupport

/// A smoke file: named queries, each with its expectations, in YAML.
///
/// ```yaml
/// # pgcheck smoke file
/// version: 1                  # optional; 1 is the only version
/// statement-timeout: 60       # optional, seconds, for every query (the command line wins over it)
/// queries:
///   - name: windows_backfilled
///     sql: |
///       SELECT COUNT(*) FILTER (WHERE window_start IS NOT NULL) AS buckets_with_windows,
///              COUNT(*) FILTER (WHERE window_end IS NULL) AS missing_window_end
///       FROM usage_events;
///     expect:                 # a list, or a single string
///       - missing_window_end = 0
///       - buckets_with_windows > 0
///   - name: no_orphans
///     sql: SELECT id FROM usage_events WHERE admin_id NOT IN (SELECT id FROM admins)
///     expect-empty: true      # or expect-rows: N
///     statement-timeout: 10   # this query's own limit
/// ```
///
/// Keys are spelled like the command-line flags. Unknown keys, duplicate names and malformed
/// expectations are errors that name the line, so a typo never silently skips a check. Values are
/// read as text (YAML's `yes`/`no` guessing never applies to SQL or expectations); write an
/// expectation that starts with a quote inside single quotes: `- '"Count" > 0'`.
public struct SmokeFile: Sendable, Equatable {
    /// The statement timeout the file sets for all its queries, if any.
    public var statementTimeout: Duration?
    /// The queries, in file order.
    public var queries: [SmokeQuery]

    /// The queries, each with the file's statement timeout where it sets none of its own: what a caller
    /// that runs them with limits of its own (the runbook's smoke step) takes, so the file's timeout holds there too.
    public var queriesWithFileTimeout: [SmokeQuery] {
        queries.map { query in
            var query = query
            if query.statementTimeout == nil { query.statementTimeout = statementTimeout }
            return query
        }
    }

    /// Reads and checks a smoke file.
    ///
    /// - Throws: ``SmokeError/invalidFile(path:line:column:problem:)``.
    public static func load(path: String) throws -> SmokeFile {
        let reader = SmokeFileReader(path: path)
        return try reader.file(try reader.input.readText())
    }

    /// Parses smoke-file text; `path` names it in errors.
    public static func parse(_ text: String, path: String = "<smoke file>") throws -> SmokeFile {
        try SmokeFileReader(path: path).file(text)
    }
}

/// Walks the YAML tree of a smoke file, checking every key and value.
private struct SmokeFileReader {
    let input: YAMLInput<SmokeError>

    init(path: String) {
        input = YAMLInput(path: path) { .invalidFile(path: path, line: $0, column: $1, problem: $2) }
    }

    private static let fileKeys = ["version", "statement-timeout", "queries"]
    private static let queryKeys = ["name", "sql", "expect", "expect-rows", "expect-empty", "statement-timeout"]

    func file(_ text: String) throws -> SmokeFile {
        guard let root = try input.compose(text) else { throw input.fail(nil, "the file is empty; it needs a `queries:` list") }
        let entries = try input.mapping(root, what: "the file", allowed: Self.fileKeys)
        if let version = entries["version"], version.node.int != 1 {
            throw input.fail(version.node, "unsupported version \(version.node.string ?? "?"); this pgcheck reads version 1")
        }
        let timeout = try entries["statement-timeout"].map { try input.seconds($0.node, key: "statement-timeout") }
        guard let list = entries["queries"] else { throw input.fail(root, "the file has no `queries:` list") }
        guard case .sequence(let sequence) = list.node, !sequence.isEmpty else {
            throw input.fail(list.node, "`queries` must be a non-empty list of queries")
        }
        var names: Set<String> = []
        var queries: [SmokeQuery] = []
        for item in sequence {
            let query = try self.query(item, position: queries.count + 1)
            guard names.insert(query.name).inserted else { throw input.fail(item, "two queries are named \"\(query.name)\"; names must be unique") }
            queries.append(query)
        }
        return SmokeFile(statementTimeout: timeout, queries: queries)
    }

    private func query(_ node: Node, position: Int) throws -> SmokeQuery {
        let entries = try input.mapping(node, what: "query \(position)", allowed: Self.queryKeys)
        guard let nameEntry = entries["name"] else { throw input.fail(node, "query \(position) has no `name`") }
        let name = try input.text(nameEntry.node, key: "name").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw input.fail(nameEntry.node, "query \(position) has an empty name") }
        guard let sqlEntry = entries["sql"] else { throw input.fail(node, "query \"\(name)\" has no `sql`") }
        let sql = try input.text(sqlEntry.node, key: "sql")
        guard !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw input.fail(sqlEntry.node, "query \"\(name)\" has empty `sql`") }
        var expectations: [SmokeExpectation] = []
        if let expect = entries["expect"] {
            for item in try stringList(expect.node, key: "expect") {
                do {
                    expectations.append(try SmokeExpectation.parse(item.text))
                } catch let error as SmokeExpectationSyntaxError {
                    throw input.fail(item.node, "query \"\(name)\": \(error)")
                }
            }
        }
        if let rows = entries["expect-rows"] {
            guard let count = rows.node.int, count >= 0, rows.node.scalar?.style == .plain else {
                throw input.fail(rows.node, "`expect-rows` must be a whole number of rows (0 or more)")
            }
            expectations.append(.rowCount(count))
        }
        if let empty = entries["expect-empty"] {
            if try input.bool(empty.node, key: "expect-empty") { expectations.append(.empty) }
        }
        let timeout = try entries["statement-timeout"].map { try input.seconds($0.node, key: "statement-timeout") }
        return SmokeQuery(name: name, sql: sql, expectations: expectations, statementTimeout: timeout)
    }

    /// A single string or a list of strings, each with its node (for line numbers).
    private func stringList(_ node: Node, key: String) throws -> [(text: String, node: Node)] {
        switch node {
        case .scalar(let scalar): return [(scalar.string, node)]
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else { throw input.fail(item, "each `\(key)` entry must be text like: column = 0") }
                return (scalar.string, item)
            }
        default:
            throw input.fail(node, "`\(key)` must be text or a list of texts")
        }
    }
}
