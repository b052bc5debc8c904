import PGSupport

/// A malformed expectation: where it went wrong and what was expected there.
public struct SmokeExpectationSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expectation as given.
    public let text: String
    /// 1-based character position of the problem.
    public let position: Int
    /// What is wrong.
    public let problem: String

    public var description: String {
        "invalid expectation \"\(text)\" at character \(position): \(problem) (expected: column OP value, with OP one of = != <> < <= > >= and value a number, a 'string', NULL, TRUE, FALSE or another column)"
    }
}

/// Reads `column OP value`.
///
/// - `column`: a bare name (folded to lower case, as SQL folds unquoted identifiers) or a
///   `"double-quoted"` name (kept exactly).
/// - `OP`: `=`, `!=`, `<>` (same as `!=`), `<`, `<=`, `>`, `>=`.
/// - `value`: a number (`0`, `-2`, `1.5`, `3e6`), a `'single-quoted string'` (`''` for a quote),
///   `NULL` (only with `=` and `!=`: IS NULL and IS NOT NULL), `TRUE`/`FALSE` (only with `=` and `!=`),
///   or another column name.
enum SmokeExpectationParser {
    static func parse(_ text: String) throws -> SmokeComparison {
        var scanner = Scanner(text: text)
        scanner.skipSpaces()
        guard let column = try scanner.identifier() else {
            throw scanner.error("a column name must come first")
        }
        scanner.skipSpaces()
        guard let comparison = scanner.comparisonOperator() else {
            throw scanner.error(scanner.atEnd ? "the comparison is missing" : "expected a comparison operator")
        }
        scanner.skipSpaces()
        let operandStart = scanner.position
        let operand = try scanner.operand()
        scanner.skipSpaces()
        guard scanner.atEnd else { throw scanner.error("unexpected text after the value") }
        switch operand {
        case .null where comparison != .equal && comparison != .notEqual:
            throw SmokeExpectationSyntaxError(text: text, position: operandStart + 1, problem: "NULL can only be compared with = (IS NULL) or != (IS NOT NULL)")
        case .boolean where comparison != .equal && comparison != .notEqual:
            throw SmokeExpectationSyntaxError(text: text, position: operandStart + 1, problem: "TRUE and FALSE can only be compared with = or !=")
        default:
            break
        }
        return SmokeComparison(column: column, comparisonOperator: comparison, operand: operand)
    }

    /// A cursor over the expectation's characters.
    private struct Scanner {
        let text: String
        let characters: [Character]
        var position = 0

        init(text: String) {
            self.text = text
            characters = Array(text)
        }

        var atEnd: Bool { position >= characters.count }
        var current: Character? { atEnd ? nil : characters[position] }

        func error(_ problem: String) -> SmokeExpectationSyntaxError {
            SmokeExpectationSyntaxError(text: text, position: position + 1, problem: problem)
        }

        mutating func skipSpaces() {
            while let character = current, character.isWhitespace { position += 1 }
        }

        /// A bare or quoted identifier, or nil when none starts here.
        mutating func identifier() throws -> String? {
            guard let first = current else { return nil }
            if first == "\"" { return try quotedIdentifier() }
            guard first == "_" || first.isLetter else { return nil }
            var name = ""
            while let character = current, character == "_" || character == "$" || character.isLetter || character.isNumber {
                name.append(character)
                position += 1
            }
            return Self.foldASCII(name)
        }

        private mutating func quotedIdentifier() throws -> String {
            let start = position
            position += 1
            var name = ""
            while true {
                guard let character = current else {
                    position = start
                    throw error("the quoted column name is not closed with \"")
                }
                position += 1
                if character == "\"" {
                    guard current == "\"" else { break }
                    position += 1
                }
                name.append(character)
            }
            guard !name.isEmpty else {
                position = start
                throw error("a quoted column name cannot be empty")
            }
            return name
        }

        mutating func comparisonOperator() -> SmokeComparisonOperator? {
            let two = position + 1 < characters.count ? String(characters[position...(position + 1)]) : ""
            switch two {
            case "!=", "<>":
                position += 2
                return .notEqual
            case "<=":
                position += 2
                return .lessOrEqual
            case ">=":
                position += 2
                return .greaterOrEqual
            case "==":
                return nil
            default:
                break
            }
            switch current {
            case "=":
                position += 1
                return .equal
            case "<":
                position += 1
                return .less
            case ">":
                position += 1
                return .greater
            default:
                return nil
            }
        }

        mutating func operand() throws -> SmokeComparisonOperand {
            guard let first = current else { throw error("the value is missing") }
            if first == "'" { return .string(try quotedString()) }
            if first.isNumber || first == "-" || first == "+" || first == "." { return .number(try number()) }
            let start = position
            guard let name = try identifier() else { throw error("expected a number, a 'string', NULL, TRUE, FALSE or a column name") }
            // Keywords are keywords only when unquoted, as in SQL: "null" is a column.
            if characters[start] != "\"" {
                switch name {
                case "null": return .null
                case "true": return .boolean(true)
                case "false": return .boolean(false)
                default: break
                }
            }
            return .column(name)
        }

        private mutating func quotedString() throws -> String {
            let start = position
            position += 1
            var value = ""
            while true {
                guard let character = current else {
                    position = start
                    throw error("the string is not closed with '")
                }
                position += 1
                if character == "'" {
                    guard current == "'" else { return value }
                    position += 1
                }
                value.append(character)
            }
        }

        /// `[+-]digits[.digits][e[+-]digits]` (or `.digits`), returned as written without a leading `+`.
        private mutating func number() throws -> String {
            let start = position
            var text = ""
            if current == "-" || current == "+" {
                if current == "-" { text.append("-") }
                position += 1
            }
            let integerDigits = digits()
            text += integerDigits
            if current == "." {
                position += 1
                let fraction = digits()
                guard !(integerDigits.isEmpty && fraction.isEmpty) else {
                    position = start
                    throw error("this is not a number")
                }
                text += "." + fraction
            } else if integerDigits.isEmpty {
                position = start
                throw error("this is not a number")
            }
            if current == "e" || current == "E" {
                text.append("e")
                position += 1
                if current == "-" || current == "+" {
                    text.append(current!)
                    position += 1
                }
                let exponent = digits()
                guard !exponent.isEmpty else { throw error("the exponent has no digits") }
                text += exponent
            }
            if let next = current, next.isLetter || next == "_" {
                throw error("a number cannot be followed by letters")
            }
            return text
        }

        private mutating func digits() -> String {
            var result = ""
            while let character = current, character.isASCII, character.isNumber {
                result.append(character)
                position += 1
            }
            return result
        }

        /// SQL folds unquoted identifiers to lower case (ASCII letters only, as PostgreSQL does).
        private static func foldASCII(_ name: String) -> String {
            String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
                ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
            }))
        }
    }
}

extension SmokeExpectationSyntaxError: ClassifiedError {
    /// A malformed expectation is bad input.
    public var failureKind: FailureKind { .badInput }
}
