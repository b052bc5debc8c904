import Foundation
import PostgresWire
import PGSupport

/// Why a smoke run could not judge its expectations.
///
/// Every case prints as one line a person can act on. ``isBadInput`` separates mistakes in what was
/// asked (exit status 2) from failures while running it on the server (exit status 4).
public enum SmokeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An expectation that does not parse.
    case invalidExpectation(query: String, SmokeExpectationSyntaxError)
    /// An expectation names a column the query's result does not have (found before anything ran).
    case unknownColumn(query: String, column: String, available: [String])
    /// The smoke file cannot be read or does not follow the format.
    case invalidFile(path: String, line: Int?, column: Int?, problem: String)
    /// Nothing to run, duplicate names, or options that contradict each other.
    case invalidRequest(String)
    /// The query tried to write; the read-only transaction refused it (SQLSTATE 25006).
    case readOnlyViolation(query: String, PostgresServerError)
    /// The query ran longer than `statement_timeout` (SQLSTATE 57014).
    case statementTimeout(query: String, seconds: Double)
    /// The query waited longer than `lock_timeout` for a lock (SQLSTATE 55P03).
    case lockTimeout(query: String, seconds: Double)
    /// Any other error the server reported for the query.
    case serverError(query: String, sql: String, PostgresServerError)

    /// Whether the request itself was wrong (exit status 2) rather than its execution (exit status 4).
    public var isBadInput: Bool {
        switch self {
        case .invalidExpectation, .unknownColumn, .invalidFile, .invalidRequest: return true
        case .readOnlyViolation, .statementTimeout, .lockTimeout, .serverError: return false
        }
    }

    public var description: String {
        switch self {
        case .invalidExpectation(let query, let error):
            return "query \"\(query)\": \(error)"
        case .unknownColumn(let query, let column, let available):
            let columns = available.isEmpty ? "it returns no columns" : "its columns are: \(available.joined(separator: ", "))"
            return "query \"\(query)\": the expectation names column \"\(column)\", which the result does not have; \(columns)"
        case .invalidFile(let path, let line, let column, let problem):
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(path)\(place): \(problem)"
        case .invalidRequest(let problem):
            return problem
        case .readOnlyViolation(let query, let error):
            return "query \"\(query)\": smoke queries run read-only, and this one tried to write: \(error.message) (SQLSTATE \(error.sqlState))"
        case .statementTimeout(let query, let seconds):
            return "query \"\(query)\": timed out after \(Self.format(seconds)) s (statement_timeout); raise --statement-timeout if it needs longer"
        case .lockTimeout(let query, let seconds):
            return "query \"\(query)\": waited more than \(Self.format(seconds)) s for a lock (lock_timeout); something holds a conflicting lock on a table it reads"
        case .serverError(let query, let sql, let error):
            return "query \"\(query)\": \(Self.describe(error, in: sql))"
        }
    }

    /// Classifies a server error raised while preparing or running `sql`.
    static func classify(_ error: PostgresServerError, query: String, sql: String, limits: SmokeLimits) -> SmokeError {
        switch error.sqlState {
        case "25006":
            return .readOnlyViolation(query: query, error)
        case "42601" where error.message.contains("multiple commands"):
            return .invalidRequest("query \"\(query)\" holds several statements; a smoke query is one statement (give each its own --sql or smoke-file entry)")
        case "57014" where error.message.contains("statement timeout"):
            return .statementTimeout(query: query, seconds: limits.statementTimeout.inSeconds)
        case "55P03" where error.message.contains("lock timeout"):
            return .lockTimeout(query: query, seconds: limits.lockTimeout.inSeconds)
        default:
            return .serverError(query: query, sql: sql, error)
        }
    }

    /// `ERROR:  message (SQLSTATE x) at line L, column C: <that line>`, then detail and hint, on one line.
    static func describe(_ error: PostgresServerError, in sql: String) -> String {
        var text = "\(error.severity):  \(error.message) (SQLSTATE \(error.sqlState))"
        if let position = error.position {
            text += " at character \(position)"
            if let place = Self.place(ofCharacter: position, in: sql) {
                text += " (line \(place.line), column \(place.column): \(place.text))"
            }
        }
        if let detail = error.detail { text += "; DETAIL: \(detail)" }
        if let hint = error.hint { text += "; HINT: \(hint)" }
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    /// The line and column of a 1-based character position, with that line's text (trimmed).
    static func place(ofCharacter position: Int, in sql: String) -> (line: Int, column: Int, text: String)? {
        let characters = Array(sql.unicodeScalars)
        guard position >= 1 && position <= characters.count + 1 else { return nil }
        var line = 1
        var lineStart = 0
        for index in 0..<(position - 1) where characters[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = lineStart
        while lineEnd < characters.count && characters[lineEnd] != "\n" { lineEnd += 1 }
        var text = String(String.UnicodeScalarView(characters[lineStart..<lineEnd]))
        text = text.trimmingCharacters(in: .whitespaces)
        return (line, position - lineStart, text)
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

extension SmokeError: ClassifiedError {
    /// Mistakes in what was asked are bad input; a query the server refused, timed out or failed is the
    /// server's, from `pgcheck smoke` and from the runbook's smoke step alike.
    public var failureKind: FailureKind { isBadInput ? .badInput : .server }
}
