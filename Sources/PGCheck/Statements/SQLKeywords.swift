/// The keywords at the start of an SQL statement, read the way PostgreSQL's lexer would see them:
/// comments (`--`, nested `/* */`) and whitespace skipped, quoted identifiers and strings kept whole
/// (and never mistaken for keywords), parenthesised option lists (`REINDEX (VERBOSE)`) skipped.
enum SQLKeywords {
    /// The first `count` words, keywords upper-cased; a quoted identifier or a string literal is one
    /// word, kept as written. Stops at the end of the first statement (`;`).
    static func leading(in sql: String, count: Int) -> [String] {
        var words: [String] = []
        var scanner = Scanner(sql)
        while words.count < count, let token = scanner.next() {
            switch token.kind {
            case .word: words.append(token.text.uppercased())
            case .quoted: words.append(String(token.text))
            case .semicolon: return words
            case .openParenthesis: scanner.skipParenthesised()
            case .other: continue
            }
        }
        return words
    }

    /// `sql` with the first occurrence of the keyword `word` removed (with the space before it), or nil
    /// when the keyword does not occur outside comments, identifiers and strings.
    static func removingFirst(_ word: String, from sql: String) -> String? {
        var scanner = Scanner(sql)
        while let token = scanner.next() {
            guard token.kind == .word, token.text.uppercased() == word else { continue }
            var start = token.range.lowerBound
            while start > sql.startIndex, sql[sql.index(before: start)] == " " { start = sql.index(before: start) }
            return String(sql[..<start]) + String(sql[token.range.upperBound...])
        }
        return nil
    }

    struct Token {
        enum Kind { case word, quoted, semicolon, openParenthesis, other }
        let kind: Kind
        let text: Substring
        let range: Range<String.Index>
    }

    /// Splits SQL text into the tokens the functions above need.
    struct Scanner {
        private let text: String
        private var position: String.Index

        init(_ text: String) {
            self.text = text
            position = text.startIndex
        }

        mutating func next() -> Token? {
            skipSpaceAndComments()
            guard position < text.endIndex else { return nil }
            let start = position
            let character = text[position]
            switch character {
            case "\"", "'":
                advance()
                while position < text.endIndex {
                    if text[position] == character {
                        advance()
                        // A doubled quote is the quote character itself.
                        if position < text.endIndex, text[position] == character { advance(); continue }
                        break
                    }
                    advance()
                }
                return Token(kind: .quoted, text: text[start..<position], range: start..<position)
            case ";":
                advance()
                return Token(kind: .semicolon, text: text[start..<position], range: start..<position)
            case "(":
                advance()
                return Token(kind: .openParenthesis, text: text[start..<position], range: start..<position)
            default:
                if Self.isWordCharacter(character) {
                    while position < text.endIndex, Self.isWordCharacter(text[position]) { advance() }
                    return Token(kind: .word, text: text[start..<position], range: start..<position)
                }
                advance()
                return Token(kind: .other, text: text[start..<position], range: start..<position)
            }
        }

        /// Skips to the parenthesis that closes the one just read.
        mutating func skipParenthesised() {
            var depth = 1
            while depth > 0, let token = next() {
                switch token.text {
                case "(": depth += 1
                case ")": depth -= 1
                default: break
                }
            }
        }

        private mutating func skipSpaceAndComments() {
            while position < text.endIndex {
                let character = text[position]
                if character.isWhitespace {
                    advance()
                } else if text[position...].hasPrefix("--") {
                    while position < text.endIndex, !text[position].isNewline { advance() }
                } else if text[position...].hasPrefix("/*") {
                    // Block comments nest in PostgreSQL.
                    var depth = 0
                    while position < text.endIndex {
                        if text[position...].hasPrefix("/*") {
                            depth += 1
                            advance(2)
                        } else if text[position...].hasPrefix("*/") {
                            depth -= 1
                            advance(2)
                            if depth == 0 { break }
                        } else {
                            advance()
                        }
                    }
                } else {
                    return
                }
            }
        }

        private mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where position < text.endIndex { position = text.index(after: position) }
        }

        private static func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "$" || character == "."
        }
    }
}
