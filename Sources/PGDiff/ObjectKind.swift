/// The kinds of schema object a diff reports, in the order changes are listed.
///
/// The order follows dependencies loosely (schemas before what lives in them, types before the tables
/// that use them, tables before what hangs off them), so a change list reads top-down.
public enum ObjectKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// A schema (namespace).
    case schema
    /// An installed extension.
    case `extension`
    /// An enum type.
    case `enum`
    /// A domain.
    case domain
    /// A stand-alone composite type.
    case compositeType
    /// A sequence.
    case sequence
    /// A function, procedure, aggregate or window function.
    case function
    /// An ordinary or partitioned table.
    case table
    /// A column of a table (reported under its table).
    case column
    /// A table constraint (reported under its table).
    case constraint
    /// An index (reported under the table or materialized view it indexes).
    case index
    /// A trigger (reported under the table or view it fires on).
    case trigger
    /// A row-level security policy (reported under its table).
    case policy
    /// A view.
    case view
    /// A materialized view.
    case materializedView

    /// Whether objects of this kind belong to a table and are reported grouped under it.
    public var belongsToTable: Bool {
        switch self {
        case .column, .constraint, .index, .trigger, .policy: return true
        default: return false
        }
    }

    /// The words used for it in text output: `materialized view`, `composite type`.
    public var displayName: String {
        switch self {
        case .compositeType: return "composite type"
        case .materializedView: return "materialized view"
        default: return rawValue
        }
    }

    /// Parses a kind as a person types it on the command line: the JSON name (`materializedView`),
    /// the words (`materialized view`), kebab or snake case (`materialized-view`), any case, singular
    /// or plural (`indexes`, `policies`).
    public init?(userInput: String) {
        let folded = userInput.lowercased().filter { $0.isLetter }
        let match = ObjectKind.allCases.first { kind in
            let name = kind.rawValue.lowercased()
            return folded == name || folded == name + "s" || folded == name + "es"
                || (name.hasSuffix("y") && folded == name.dropLast() + "ies")
        }
        guard let match else { return nil }
        self = match
    }

    /// The position of this kind in the listing order.
    var rank: Int { ObjectKind.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: ObjectKind, rhs: ObjectKind) -> Bool { lhs.rank < rhs.rank }
}
