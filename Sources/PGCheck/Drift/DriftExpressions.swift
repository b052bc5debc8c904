import Foundation

/// Compares SQL expressions by their tokens, without a server: the way drizzle writes them
/// (`"ledger"."amount" > 0`, `'pending'`, `now()`) against the way the catalog prints them
/// (`(amount > 0)`, `'pending'::public.purchase_status`, `now()`).
///
/// Casts, the qualifiers `pg_catalog.`, `public.` and the table's own name, quotes around identifiers,
/// letter case outside literals, white space and parentheses that cannot change the meaning (around the
/// whole expression, one token, or a comparison among `AND`/`OR`) are set aside. What is left is either
/// equal, two different constants (provably different), or undecided.
public enum DriftExpressions {
    /// How two expressions compare.
    public enum Verdict: String, Sendable, Equatable {
        /// Equal once spelling is set aside.
        case same
        /// Provably different (two different constants, or two different canonical forms from the server).
        case different
        /// Neither proved equal nor different.
        case undecided
    }

    /// Compares two expressions; `qualifiers` are names whose `name.` prefix is dropped (schema, table).
    public static func compare(_ expected: String, _ actual: String, qualifiers: Set<String> = []) -> Verdict {
        let left = normalized(expected, qualifiers: qualifiers)
        let right = normalized(actual, qualifiers: qualifiers)
        if left == right { return .same }
        if let a = constant(left), let b = constant(right) {
            if a == b { return .same }
            // Two different texts may still be one value of the column's type ('{"a":1}' and '{"a": 1}' as
            // jsonb, '2024-01-01 00:00:00.000' and '2024-01-01 00:00:00' as a timestamp): only the server can say.
            return a.hasPrefix("'") || b.hasPrefix("'") ? .undecided : .different
        }
        return .undecided
    }

    /// The expression's tokens with spelling set aside.
    public static func normalized(_ text: String, qualifiers: Set<String> = []) -> [String] {
        var tokens = dropCasts(tokenize(text))
        let dropped = qualifiers.union(["pg_catalog", "public"]).map { $0.lowercased() }
        var index = 0
        var result: [String] = []
        while index < tokens.count {
            if index + 2 < tokens.count, tokens[index + 1] == ".", dropped.contains(tokens[index]), isWord(tokens[index + 2]) {
                index += 2
                continue
            }
            result.append(tokens[index])
            index += 1
        }
        tokens = result
        return stripParentheses(tokens)
    }

    /// A single constant: a string literal's text, a number, `true`/`false`/`null`.
    static func constant(_ tokens: [String]) -> String? {
        var tokens = tokens
        var negative = false
        if tokens.first == "-", tokens.count == 2 { negative = true; tokens.removeFirst() }
        guard tokens.count == 1, let token = tokens.first else { return nil }
        if token.hasPrefix("'") {
            let text = String(token.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            if let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.allSatisfy({ "0123456789.-+eE".contains($0) }) {
                return "\(negative ? -number : number)"
            }
            return negative ? nil : "'" + text
        }
        if let first = token.first, first.isNumber, let number = Decimal(string: token, locale: Locale(identifier: "en_US_POSIX")) {
            return "\(negative ? -number : number)"
        }
        if ["true", "false", "null"].contains(token), !negative { return token }
        return nil
    }

    /// Splits SQL into tokens: literals (`'…'`, with `''` inside), identifiers and keywords (lower-case,
    /// quotes removed), numbers, and operators.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        let characters = Array(text)
        var index = 0
        let operatorCharacters = Set("+-*/<>=~!@#%^&|`?")
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if character == "'" || ((character == "E" || character == "e") && index + 1 < characters.count && characters[index + 1] == "'" && (index == 0 || !isWordCharacter(characters[index - 1]))) {
                if character != "'" { index += 1 }
                var literal = "'"
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" { literal += "''"; index += 2; continue }
                        index += 1
                        break
                    }
                    literal.append(characters[index])
                    index += 1
                }
                tokens.append(literal + "'")
            } else if character == "\"" {
                var identifier = ""
                index += 1
                while index < characters.count {
                    if characters[index] == "\"" {
                        if index + 1 < characters.count, characters[index + 1] == "\"" { identifier += "\""; index += 2; continue }
                        index += 1
                        break
                    }
                    identifier.append(characters[index])
                    index += 1
                }
                tokens.append(identifier.lowercased())
            } else if isWordCharacter(character) {
                var word = ""
                while index < characters.count, isWordCharacter(characters[index]) || (characters[index] == "." && word.allSatisfy(\.isNumber) && !word.isEmpty) {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(word.lowercased())
            } else if character == ":" && index + 1 < characters.count && characters[index + 1] == ":" {
                tokens.append("::")
                index += 2
            } else if operatorCharacters.contains(character) {
                var op = ""
                while index < characters.count, operatorCharacters.contains(characters[index]) {
                    op.append(characters[index])
                    index += 1
                }
                tokens.append(op == "!=" ? "<>" : op)
            } else {
                tokens.append(String(character))
                index += 1
            }
        }
        return tokens
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }

    private static func isWord(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        return isWordCharacter(first) && !token.hasPrefix("'")
    }

    private static let typeWordsAfterFirst: Set<String> = ["varying", "precision", "without", "with", "time", "zone"]

    /// Removes `::type` casts: a type name (possibly several words, qualified), modifiers, array brackets.
    static func dropCasts(_ tokens: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index] == "::" else { result.append(tokens[index]); index += 1; continue }
            index += 1
            guard index < tokens.count, isWord(tokens[index]) else { continue }
            index += 1
            while index + 1 < tokens.count, tokens[index] == ".", isWord(tokens[index + 1]) { index += 2 }
            while index < tokens.count, typeWordsAfterFirst.contains(tokens[index]) { index += 1 }
            if index < tokens.count, tokens[index] == "(" {
                var depth = 0
                repeat {
                    if tokens[index] == "(" { depth += 1 }
                    if tokens[index] == ")" { depth -= 1 }
                    index += 1
                } while index < tokens.count && depth > 0
                while index < tokens.count, typeWordsAfterFirst.contains(tokens[index]) { index += 1 }
            }
            while index + 1 < tokens.count, tokens[index] == "[", tokens[index + 1] == "]" { index += 2 }
        }
        return result
    }

    /// Removes parentheses that cannot change the meaning.
    static func stripParentheses(_ input: [String]) -> [String] {
        var tokens = input
        var changed = true
        while changed {
            changed = false
            var stack: [Int] = []
            for (index, token) in tokens.enumerated() {
                if token == "(" { stack.append(index); continue }
                guard token == ")", let open = stack.popLast() else { continue }
                let before = open > 0 ? tokens[open - 1] : nil
                // A function call's or a keyword's own parentheses stay: `now()`, `in (…)`.
                if let before, isWord(before), !["and", "or", "not"].contains(before) { continue }
                let inner = Array(tokens[(open + 1)..<index])
                let after = index + 1 < tokens.count ? tokens[index + 1] : nil
                let wholeExpression = open == 0 && index == tokens.count - 1
                let singleToken = inner.count == 1
                let neutral: Set<String> = ["and", "or", "not", "(", ")", ","]
                let boundedByLogic = (before.map(neutral.contains) ?? true) && (after.map(neutral.contains) ?? true)
                let innerHasTopLevelLogic = topLevel(inner).contains { $0 == "and" || $0 == "or" }
                if wholeExpression || singleToken || (boundedByLogic && !innerHasTopLevelLogic) {
                    tokens.remove(at: index)
                    tokens.remove(at: open)
                    changed = true
                    break
                }
            }
        }
        return tokens
    }

    private static func topLevel(_ tokens: [String]) -> [String] {
        var depth = 0
        var result: [String] = []
        for token in tokens {
            if token == "(" { depth += 1 } else if token == ")" { depth -= 1 } else if depth == 0 { result.append(token) }
        }
        return result
    }
}
