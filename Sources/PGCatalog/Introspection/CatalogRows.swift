/// Everything the catalog queries returned for one capture, before it is shaped into a ``Snapshot``.
struct CatalogRows {
    var context: CaptureContextQuery.Row
    var schemas: [SchemaQuery.Row]
    var extensions: [ExtensionQuery.Row]
    var relations: [RelationQuery.Row]
    var columns: [ColumnQuery.Row]
    var constraints: [ConstraintQuery.Row]
    var indexes: [IndexQuery.Row]
    var indexKeys: [IndexKeyQuery.Row]
    var sequences: [SequenceQuery.Row]
    var functions: [FunctionQuery.Row]
    var triggers: [TriggerQuery.Row]
    var policies: [PolicyQuery.Row]
    var enums: [EnumQuery.Row]
    var domains: [DomainQuery.Row]
    var domainConstraints: [DomainConstraintQuery.Row]
    var compositeTypes: [CompositeTypeQuery.Row]
}

extension Dictionary where Key == String {
    /// A dictionary from `(key, value)` pairs. The catalogs' unique indexes make every key unique
    /// (a name within its schema, table or type); a repeated key would keep its first value rather than trap.
    init(keepingFirst pairs: [(String, Value)]) {
        self.init(pairs, uniquingKeysWith: { first, _ in first })
    }
}

extension Optional where Wrapped == [String] {
    /// Privileges or options in a canonical order: `aclitem` order depends on the order of GRANTs.
    var sortedEntries: [String]? { self?.sorted() }
}
