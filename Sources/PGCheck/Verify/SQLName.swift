import Foundation
import PGCatalog
import PostgresWire

/// A possibly schema-qualified name as a person types it in an expectation: `usage_events`,
/// `public.usage_events`, `"Mixed Case"."Table"`.
///
/// Parts follow SQL: unquoted parts fold to lower case, double-quoted parts are taken exactly
/// (`""` inside quotes is one quote); the splitting is ``SQLIdentifier``'s, shared with the diff.
public struct SQLName: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The schema, when the name was qualified.
    public var schema: String?
    /// The object's own name.
    public var name: String

    /// Creates a name from its unquoted parts.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Parses `name` or `schema.name`.
    ///
    /// - Throws: ``VerifyError/invalidArgument(_:)`` for an empty part, an unclosed quote or too many parts.
    public init(parsing text: String) throws {
        let parts = try SQLName.parts(of: text, what: "name")
        switch parts.count {
        case 1: self.init(name: parts[0])
        case 2: self.init(schema: parts[0], name: parts[1])
        default: throw VerifyError.invalidArgument("\"\(text)\" has too many dots; write table or schema.table")
        }
    }

    /// The name as SQL would write it: parts quoted only when they need it (`public.usage_events`, `public."Users"`).
    public var description: String {
        (schema.map { SQLName.written($0) + "." } ?? "") + SQLName.written(name)
    }

    /// A single unqualified name (a column, a constraint), folded or unquoted as SQL does.
    ///
    /// - Throws: ``VerifyError/invalidArgument(_:)`` for an empty or dotted name; `what` names it there.
    public static func identifier(parsing text: String, what: String) throws -> String {
        let parts = try parts(of: text, what: what)
        guard parts.count == 1 else { throw VerifyError.invalidArgument("\"\(text)\" is not a valid \(what): it has a dot") }
        return parts[0]
    }

    /// The unquoted parts of a dotted SQL name, unquoted parts folded to lower case.
    ///
    /// - Throws: ``VerifyError/invalidArgument(_:)`` for the first problem reading left to right: an
    ///   empty part before the last, a double quote not closed, an empty last part.
    static func parts(of text: String, what: String) throws -> [String] {
        let split = SQLIdentifier.split(text.trimmingCharacters(in: .whitespaces), foldingUnquoted: true)
        let emptyPart = VerifyError.invalidArgument("\"\(text)\" is not a valid \(what): a part is empty")
        let isMissing = { (part: SQLIdentifier.Part) in part.text.isEmpty && !part.wasQuoted }
        guard !split.parts.dropLast().contains(where: isMissing) else { throw emptyPart }
        guard !split.hasUnclosedQuote else { throw VerifyError.invalidArgument("\"\(text)\" is not a valid \(what): a double quote is not closed") }
        guard let last = split.parts.last, !isMissing(last) else { throw emptyPart }
        return split.parts.map(\.text)
    }

    /// `part` quoted when it is not a plain lower-case identifier, for people to read. Unlike the
    /// server's `quote_ident` (``SQLIdentifier/quoted(_:)``, the snapshot key format) it leaves keywords
    /// and non-ASCII lower-case letters bare, as verdicts have always printed them.
    static func written(_ part: String) -> String {
        let plain = part.first.map { $0 == "_" || ($0.isLetter && $0.isLowercase) } ?? false
            && part.allSatisfy { $0 == "_" || $0.isNumber || ($0.isLetter && $0.isLowercase) }
        return plain ? part : SQLIdentifier.doubleQuoted(part)
    }
}
