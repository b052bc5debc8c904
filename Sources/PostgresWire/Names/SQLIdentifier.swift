/// SQL identifiers as PostgreSQL reads and writes them: dotted names split outside double quotes
/// (this file), and names quoted the way the server's `quote_ident` quotes them (`SQLIdentifier+Quoting`).
///
/// Shared by the names people type (`pgcheck verify`'s `SQLName`, which folds and checks them) and
/// the snapshot's keys (`public."Users"`, read by the diff as they are written).
public enum SQLIdentifier {
    /// One part of a dotted name, without its quotes.
    public struct Part: Sendable, Equatable {
        /// The part's text: `""` inside quotes undoubled, and folded to lower case outside them when asked.
        public var text: String
        /// Whether any of the part was in double quotes (so an empty text is the name `""`, not a missing one).
        public var wasQuoted: Bool

        /// Creates a part.
        public init(text: String, wasQuoted: Bool) {
            self.text = text
            self.wasQuoted = wasQuoted
        }
    }

    /// A dotted name split into its parts.
    public struct Split: Sendable, Equatable {
        /// The parts in order; always at least one (an empty text splits into one empty part).
        public var parts: [Part]
        /// Whether the text ended inside double quotes (the last part then runs to the end).
        public var hasUnclosedQuote: Bool
    }

    /// Splits `text` at the dots outside double quotes. Inside quotes, `""` is one quote and a dot is part
    /// of the name. With `foldingUnquoted`, characters outside quotes are lower-cased, as SQL folds an
    /// unquoted name. Nothing is refused: callers that need a well-formed name check the result.
    public static func split(_ text: String, foldingUnquoted: Bool) -> Split {
        var parts: [Part] = []
        var current = ""
        var wasQuoted = false
        var inQuotes = false
        var characters = text[...]
        while let character = characters.popFirst() {
            if inQuotes {
                if character != "\"" {
                    current.append(character)
                } else if characters.first == "\"" {
                    current.append("\"")
                    characters.removeFirst()
                } else {
                    inQuotes = false
                }
            } else if character == "\"" {
                inQuotes = true
                wasQuoted = true
            } else if character == "." {
                parts.append(Part(text: current, wasQuoted: wasQuoted))
                current = ""
                wasQuoted = false
            } else if foldingUnquoted {
                current += String(character).lowercased()
            } else {
                current.append(character)
            }
        }
        parts.append(Part(text: current, wasQuoted: wasQuoted))
        return Split(parts: parts, hasUnclosedQuote: inQuotes)
    }

    /// The parts of a name already written in `quote_ident` form, such as a snapshot key
    /// (`public."Weird.Name"` → `["public", "Weird.Name"]`), taken as written: no folding, nothing refused.
    public static func parts(_ key: String) -> [String] {
        split(key, foldingUnquoted: false).parts.map(\.text)
    }
}
