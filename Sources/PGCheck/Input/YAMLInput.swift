import Foundation
import PGSupport
import Yams

/// One YAML input file being read (a smoke file, an expectations file): its path, how its problems are
/// reported, and the checks every such file makes of its keys and values.
///
/// Every problem names the line and column it was found at, so a typo never silently drops a check.
/// Values are read as text: YAML's type guessing (`yes`, `no`, `1e3`) never applies to SQL or names.
struct YAMLInput<Failure: Error> {
    /// The file, as named in errors.
    let path: String
    /// Makes the caller's error for a problem at a line and column (nil when it concerns the whole file).
    let failure: (_ line: Int?, _ column: Int?, _ problem: String) -> Failure

    /// The problem `problem` at `node`'s place in the file (the whole file when nil).
    func fail(_ node: Node?, _ problem: String) -> Failure {
        failure(node?.mark?.line, node?.mark?.column, problem)
    }

    /// The file's text as UTF-8.
    func readText() throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(nil, "cannot read the file (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw fail(nil, "cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail(nil, "the file is not UTF-8 text") }
        return text
    }

    /// The YAML tree of `text`, or nil for an empty document.
    func compose(_ text: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlFailure(error)
        } catch {
            throw fail(nil, "not valid YAML: \(error)")
        }
    }

    private func yamlFailure(_ error: YamlError) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // The context ("while scanning a simple key at line 3") often points closer to the typo than the problem's own position.
            let near = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return failure(mark.line, mark.column, "not valid YAML: \(problem)\(near)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return failure(context.mark.line, context.mark.column, "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            let firstLine = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown problem"
            return failure(nil, nil, "not valid YAML: \(firstLine)")
        }
    }

    /// A mapping's entries by key, refusing keys not in `allowed`.
    func mapping(_ node: Node, what: String, allowed: [String]) throws -> [String: (key: Node, node: Node)] {
        guard case .mapping(let pairs) = node else { throw fail(node, "\(what) must be a mapping of keys to values") }
        var entries: [String: (key: Node, node: Node)] = [:]
        for (key, value) in pairs {
            guard let name = key.scalar?.string else { throw fail(key, "\(what) has a key that is not text") }
            guard allowed.contains(name) else {
                throw fail(key, "unknown key \"\(name)\" in \(what) (known keys: \(allowed.joined(separator: ", ")))")
            }
            entries[name] = (key, value)
        }
        return entries
    }

    /// A scalar's text.
    func text(_ node: Node, key: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "`\(key)` must be text") }
        return scalar.string
    }

    /// A scalar's text, refusing an empty or blank one.
    func nonEmptyText(_ node: Node, key: String) throws -> String {
        guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, "`\(key)` must be non-empty text")
        }
        return scalar.string
    }

    /// `true` or `false`, unquoted (no other YAML spelling of a boolean).
    func bool(_ node: Node, key: String) throws -> Bool {
        switch node.scalar.map({ ($0.string, $0.style) }) {
        case ("true", .plain)?: return true
        case ("false", .plain)?: return false
        default: throw fail(node, "`\(key)` must be true or false")
        }
    }

    /// A positive number of seconds PostgreSQL can take as a timeout, as whole milliseconds rounded up.
    func seconds(_ node: Node, key: String) throws -> Duration {
        guard node.scalar?.style == .plain, let value = node.float, value.isFinite, value > 0, value <= 2_147_483 else {
            throw fail(node, "`\(key)` must be a number of seconds greater than 0")
        }
        return .milliseconds(roundingUp: value)
    }
}
