/// Something the schema must hold after a migration, checked by ``SchemaVerifier`` against a snapshot.
///
/// The command line (`pgcheck verify --table … --column … --index … --constraint … --valid`) and an
/// expectations file (``SchemaExpectationsFile``) both produce these.
public enum SchemaExpectation: Sendable, Equatable, CustomStringConvertible {
    /// The table exists (`--table T`).
    case table(SQLName)
    /// The column exists, optionally with a type and nullability (`--column T.C[:TYPE][:not-null]`).
    case column(ColumnExpectation)
    /// The index exists, is valid and ready, and has the asked shape (`--index NAME [--on T] [--covers …]`).
    case index(IndexExpectation)
    /// The constraint exists and is validated (`--constraint NAME [--on T]`).
    case constraint(ConstraintExpectation)
    /// Every index is valid and ready and every constraint validated (`--valid`).
    case allValid

    public var description: String {
        switch self {
        case .table(let name): return "table \(name) exists"
        case .column(let column): return column.description
        case .index(let index): return index.description
        case .constraint(let constraint): return constraint.description
        case .allValid: return "every index is valid and ready, every constraint validated"
        }
    }
}

/// `--column T.C[:TYPE][:not-null]`.
public struct ColumnExpectation: Sendable, Equatable, CustomStringConvertible {
    /// The table (or view) holding the column.
    public var table: SQLName
    /// The column's name.
    public var column: String
    /// The expected type as a person writes it (`timestamptz`, `numeric(12,6)`, `text[]`); nil accepts any.
    public var type: String?
    /// True requires `NOT NULL`, false requires a nullable column, nil accepts either.
    public var notNull: Bool?

    /// Creates a column expectation.
    public init(table: SQLName, column: String, type: String? = nil, notNull: Bool? = nil) {
        self.table = table
        self.column = column
        self.type = type
        self.notNull = notNull
    }

    public var description: String {
        var text = "column \(table).\(SQLName.written(column)) exists"
        if let type { text += " as \(type)" }
        if let notNull { text += notNull ? " NOT NULL" : " nullable" }
        return text
    }
}

/// `--index NAME [--on TABLE] [--covers c1,c2] [--unique] [--key-prefix c1,c2]`.
public struct IndexExpectation: Sendable, Equatable, CustomStringConvertible {
    /// The index's name (schema-qualified or not).
    public var name: SQLName
    /// The table it must be on; nil accepts any.
    public var table: SQLName?
    /// Columns that must each be in the key or the `INCLUDE` list.
    public var covers: [String]
    /// True requires a unique index, false a non-unique one, nil accepts either.
    public var unique: Bool?
    /// Columns the key must start with, in this order.
    public var keyPrefix: [String]

    /// Creates an index expectation.
    public init(name: SQLName, table: SQLName? = nil, covers: [String] = [], unique: Bool? = nil, keyPrefix: [String] = []) {
        self.name = name
        self.table = table
        self.covers = covers
        self.unique = unique
        self.keyPrefix = keyPrefix
    }

    public var description: String {
        var text = "index \(name)"
        if let table { text += " on \(table)" }
        var parts: [String] = []
        if unique == true { parts.append("is unique") }
        if unique == false { parts.append("is not unique") }
        if !keyPrefix.isEmpty { parts.append("has key starting (\(keyPrefix.map(SQLName.written).joined(separator: ", ")))") }
        if !covers.isEmpty { parts.append("covers \(covers.map(SQLName.written).joined(separator: ", "))") }
        return text + (parts.isEmpty ? " exists and is valid" : " " + parts.joined(separator: ", "))
    }
}

/// `--constraint NAME [--on TABLE]`.
public struct ConstraintExpectation: Sendable, Equatable, CustomStringConvertible {
    /// The constraint's name (unique within its table).
    public var name: String
    /// The table it must be on; nil searches every table.
    public var table: SQLName?

    /// Creates a constraint expectation.
    public init(name: String, table: SQLName? = nil) {
        self.name = name
        self.table = table
    }

    public var description: String {
        "constraint \(SQLName.written(name))" + (table.map { " on \($0)" } ?? "") + " exists and is validated"
    }
}
