import Foundation
import Yams

/// A reviewed expectations file for `pgcheck verify --file FILE`, in YAML.
///
/// ```yaml
/// # Fixtures/expectations/usage-events-0003.yaml
/// version: 1                                # optional; 1 is the only version
/// expectations:
///   - table: usage_events
///   - column: usage_events.window_start     # the --column spelling works too:
///     type: timestamptz                     #   column: usage_events.window_start:timestamptz
///   - column: usage_events.metadata
///     type: jsonb
///     not-null: true                        # false requires a nullable column
///   - index: usage_admin_bucket_idx
///     on: usage_events
///     covers: [window_start, window_end, source]   # or "window_start,window_end,source"
///     unique: true
///     key-prefix: [admin_id, meter, bucket_start]
///   - constraint: usage_events_quantity_check
///     on: usage_events
///   - valid: true                           # every index valid and ready, every constraint validated
/// ```
///
/// Each entry of `expectations` has exactly one of the keys `table`, `column`, `index`, `constraint`,
/// `valid`, plus the keys that go with it, spelled like the command-line flags. Names follow SQL:
/// unquoted names fold to lower case; write a mixed-case name in double quotes inside single
/// quotes (`index: '"MyIndex"'`). Unknown keys, missing values and malformed names are errors that name
/// the line, so a typo never silently drops a check. Values are read as text (no YAML type guessing);
/// `true`/`false` are the only booleans.
public enum SchemaExpectationsFile {
    /// Reads and checks an expectations file.
    ///
    /// - Throws: ``VerifyError/invalidExpectationsFile(path:line:column:problem:)``.
    public static func load(path: String) throws -> [SchemaExpectation] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw VerifyError.invalidExpectationsFile(path: path, line: nil, column: nil, problem: "cannot read the file (\(FileProblem.reason(error)))")
        }
        return try parse(text, path: path)
    }

    /// Parses expectations-file text; `path` names it in errors.
    public static func parse(_ text: String, path: String = "<expectations file>") throws -> [SchemaExpectation] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, path: path)
        } catch {
            throw VerifyError.invalidExpectationsFile(path: path, line: nil, column: nil, problem: "not valid YAML: \(error)")
        }
        guard let root else {
            throw VerifyError.invalidExpectationsFile(path: path, line: nil, column: nil, problem: "the file is empty; it needs an `expectations:` list")
        }
        return try ExpectationsFileReader(path: path).file(root)
    }

    private static func yamlError(_ error: YamlError, path: String) -> VerifyError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // The context ("while scanning a simple key at line 3") often points closer to the typo than the problem's own position.
            let near = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return .invalidExpectationsFile(path: path, line: mark.line, column: mark.column, problem: "not valid YAML: \(problem)\(near)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidExpectationsFile(path: path, line: context.mark.line, column: context.mark.column,
                                            problem: "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            let firstLine = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown problem"
            return .invalidExpectationsFile(path: path, line: nil, column: nil, problem: "not valid YAML: \(firstLine)")
        }
    }
}

/// Why a file could not be read, in a few words (`No such file or directory`).
enum FileProblem {
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return POSIXError(code).localizedDescription
        }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError { return "No such file or directory" }
        return nsError.localizedDescription
    }
}
