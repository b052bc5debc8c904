import PostgresWire

/// The columns one catalog query selects, in select-list order.
///
/// Each query lists its columns once, as the cases of an `Int`-backed enum; the SQL's select list is built
/// from those cases and rows are read by them, so the two cannot drift apart. Rows come back as plain
/// columns in binary format (no JSON built per row on the server, none parsed on the client).
protocol CatalogField: CaseIterable, RawRepresentable where RawValue == Int {}

extension CatalogField {
    /// `expression AS "name", ...` for every case in order; `expression` gives each column's SQL.
    static func selectList(_ expression: (Self) -> String) -> String {
        allCases.map { "\(expression($0)) AS \"\($0)\"" }.joined(separator: ",\n  ")
    }
}

/// A row of one catalog query, read from the lent row as it arrives.
protocol CatalogRow {
    /// The query's columns.
    associatedtype Field: CatalogField
    /// Reads the row.
    init(_ row: borrowing PostgresRow) throws
}

extension PostgresRow {
    /// A column that is never NULL, as text.
    func string<F: CatalogField>(_ field: F) throws -> String {
        try decode(String.self, at: field.rawValue)
    }

    /// A column that may be NULL, as text.
    func optionalString<F: CatalogField>(_ field: F) throws -> String? {
        try decodeIfPresent(String.self, at: field.rawValue)
    }

    /// A `bool` column that is never NULL.
    func flag<F: CatalogField>(_ field: F) throws -> Bool {
        try decode(Bool.self, at: field.rawValue)
    }

    /// An integer column (`int2`, `int4`, `oid`) that is never NULL.
    func integer<F: CatalogField>(_ field: F) throws -> Int {
        try decode(Int.self, at: field.rawValue)
    }

    /// An integer column that may be NULL.
    func optionalInteger<F: CatalogField>(_ field: F) throws -> Int? {
        try decodeIfPresent(Int.self, at: field.rawValue)
    }

    /// An `oid` column that is never NULL.
    func oid<F: CatalogField>(_ field: F) throws -> UInt32 {
        try decode(UInt32.self, at: field.rawValue)
    }

    /// A text array (`text[]`, `name[]`) that may be NULL.
    func strings<F: CatalogField>(_ field: F) throws -> [String]? {
        try decodeIfPresent([String].self, at: field.rawValue)
    }
}
