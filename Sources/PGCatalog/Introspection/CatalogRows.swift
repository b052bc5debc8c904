/// Everything the catalog queries returned for one capture, before it is shaped into a ``Snapshot``.
struct CatalogRows {
    var context: CaptureContextQuery.Row
    var schemas: [SchemaQuery.Row]
    var extensions: [ExtensionQuery.Row]
    var relations: [RelationQuery.Row]
    var columns: [ColumnQuery.Row]
    var constraints: [ConstraintQuery.Row]
    var indexes: [IndexQuery.Row]
    var sequences: [SequenceQuery.Row]
    var functions: [FunctionQuery.Row]
    var triggers: [TriggerQuery.Row]
    var policies: [PolicyQuery.Row]
    var enums: [EnumQuery.Row]
    var domains: [DomainQuery.Row]
    var compositeTypes: [CompositeTypeQuery.Row]
}

extension Dictionary where Key == String {
    /// A dictionary from `(key, value)` pairs where a repeated key keeps its first value (the queries
    /// return rows in a fixed order, so "first" is deterministic).
    init(keepingFirst pairs: [(String, Value)]) {
        self.init(pairs, uniquingKeysWith: { first, _ in first })
    }
}

extension Optional where Wrapped == [String] {
    /// Privileges or options in a canonical order: `aclitem` order depends on the order of GRANTs.
    var sortedEntries: [String]? { self?.sorted() }
}
