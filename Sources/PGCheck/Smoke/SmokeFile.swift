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
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw SmokeError.invalidFile(path: path, line: nil, column: nil, problem: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw SmokeError.invalidFile(path: path, line: nil, column: nil, problem: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SmokeError.invalidFile(path: path, line: nil, column: nil, problem: "the file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses smoke-file text; `path` names it in errors.
    public static func parse(_ text: String, path: String = "<smoke file>") throws -> SmokeFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.yamlError(error, path: path)
        }
        let reader = SmokeFileReader(path: path)
        guard let root else { throw SmokeError.invalidFile(path: path, line: nil, column: nil, problem: "the file is empty; it needs a `queries:` list") }
        return try reader.file(root)
    }

    private static func yamlError(_ error: YamlError, path: String) -> SmokeError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .invalidFile(path: path, line: mark.line, column: mark.column, problem: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidFile(path: path, line: context.mark.line, column: context.mark.column,
                                problem: "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            return .invalidFile(path: path, line: nil, column: nil, problem: "not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
    }
}

/// Walks the YAML tree of a smoke file, checking every key and value.
private struct SmokeFileReader {
    let path: String

    private static let fileKeys = ["version", "statement-timeout", "queries"]
    private static let queryKeys = ["name", "sql", "expect", "expect-rows", "expect-empty", "statement-timeout"]

    func file(_ root: Node) throws -> SmokeFile {
        let entries = try mapping(root, what: "the file", allowed: Self.fileKeys)
        if let version = entries["version"], version.node.int != 1 {
            throw fail(version.node, "unsupported version \(version.node.string ?? "?"); this pgcheck reads version 1")
        }
        let timeout = try entries["statement-timeout"].map { try seconds($0.node, key: "statement-timeout") }
        guard let list = entries["queries"] else { throw fail(root, "the file has no `queries:` list") }
        guard case .sequence(let sequence) = list.node, !sequence.isEmpty else {
            throw fail(list.node, "`queries` must be a non-empty list of queries")
        }
        var names: Set<String> = []
        var queries: [SmokeQuery] = []
        for item in sequence {
            let query = try self.query(item, position: queries.count + 1)
            guard names.insert(query.name).inserted else { throw fail(item, "two queries are named \"\(query.name)\"; names must be unique") }
            queries.append(query)
        }
        return SmokeFile(statementTimeout: timeout, queries: queries)
    }

    private func query(_ node: Node, position: Int) throws -> SmokeQuery {
        let entries = try mapping(node, what: "query \(position)", allowed: Self.queryKeys)
        guard let nameEntry = entries["name"] else { throw fail(node, "query \(position) has no `name`") }
        let name = try string(nameEntry.node, key: "name").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw fail(nameEntry.node, "query \(position) has an empty name") }
        guard let sqlEntry = entries["sql"] else { throw fail(node, "query \"\(name)\" has no `sql`") }
        let sql = try string(sqlEntry.node, key: "sql")
        guard !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw fail(sqlEntry.node, "query \"\(name)\" has empty `sql`") }
        var expectations: [SmokeExpectation] = []
        if let expect = entries["expect"] {
            for item in try stringList(expect.node, key: "expect") {
                do {
                    expectations.append(try SmokeExpectation.parse(item.text))
                } catch let error as SmokeExpectationSyntaxError {
                    throw fail(item.node, "query \"\(name)\": \(error)")
                }
            }
        }
        if let rows = entries["expect-rows"] {
            guard let count = rows.node.int, count >= 0, rows.node.scalar?.style == .plain else {
                throw fail(rows.node, "`expect-rows` must be a whole number of rows (0 or more)")
            }
            expectations.append(.rowCount(count))
        }
        if let empty = entries["expect-empty"] {
            guard let flag = empty.node.bool, empty.node.scalar?.style == .plain else { throw fail(empty.node, "`expect-empty` must be true or false") }
            if flag { expectations.append(.empty) }
        }
        let timeout = try entries["statement-timeout"].map { try seconds($0.node, key: "statement-timeout") }
        return SmokeQuery(name: name, sql: sql, expectations: expectations, statementTimeout: timeout)
    }

    /// A mapping's entries by key, refusing keys not in `allowed`.
    private func mapping(_ node: Node, what: String, allowed: [String]) throws -> [String: (key: Node, node: Node)] {
        guard case .mapping(let mapping) = node else { throw fail(node, "\(what) must be a mapping of keys to values") }
        var entries: [String: (key: Node, node: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw fail(key, "\(what) has a key that is not text") }
            guard allowed.contains(name) else {
                throw fail(key, "unknown key \"\(name)\" in \(what) (known keys: \(allowed.joined(separator: ", ")))")
            }
            entries[name] = (key, value)
        }
        return entries
    }

    private func string(_ node: Node, key: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "`\(key)` must be text") }
        return scalar.string
    }

    /// A single string or a list of strings, each with its node (for line numbers).
    private func stringList(_ node: Node, key: String) throws -> [(text: String, node: Node)] {
        switch node {
        case .scalar(let scalar): return [(scalar.string, node)]
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else { throw fail(item, "each `\(key)` entry must be text like: column = 0") }
                return (scalar.string, item)
            }
        default:
            throw fail(node, "`\(key)` must be text or a list of texts")
        }
    }

    private func seconds(_ node: Node, key: String) throws -> Duration {
        guard node.scalar?.style == .plain, let value = node.float, value.isFinite, value > 0, value <= 2_147_483 else {
            throw fail(node, "`\(key)` must be a number of seconds greater than 0")
        }
        return .milliseconds(roundingUp: value)
    }

    private func fail(_ node: Node, _ problem: String) -> SmokeError {
        .invalidFile(path: path, line: node.mark?.line, column: node.mark?.column, problem: problem)
    }
}
