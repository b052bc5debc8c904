import PGCatalog
import PGJSON

/// One difference between two snapshots: an object added, removed, or changed in some of its properties.
///
/// Objects are matched by kind and qualified name alone. An index or constraint dropped and recreated
/// under the same name is therefore one ``Action/changed`` entry listing what differs. A renamed
/// object (a renamed column included) is a ``Action/removed`` entry plus an ``Action/added`` one: a
/// snapshot records names, not identities (attribute numbers and OIDs are left out on purpose so that
/// equal schemas snapshot equal), so it cannot prove that the two are the same object.
public struct Change: Codable, Sendable, Equatable {
    /// What happened to the object.
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Present only in the second snapshot.
        case added
        /// Present only in the first snapshot.
        case removed
        /// Present in both, with different properties.
        case changed
    }

    /// The kind of object.
    public var kind: ObjectKind
    /// The object's qualified name in the snapshot's key format: `public.usage_events` for a table,
    /// `public.usage_admin_bucket_idx` for an index, `public.f(integer)` for a function,
    /// `public.usage_events.window_start` for a column (the table's key, a dot, the quoted name).
    public var name: String
    /// The object's name within its schema or table, unquoted: `window_start`, `usage_admin_bucket_idx`.
    public var localName: String
    /// The schema it lives in (for an extension, the schema its objects were installed into).
    public var schema: String?
    /// For columns, constraints, indexes, triggers and policies: the qualified name of the table (or
    /// view, materialized view) it belongs to. A changed object is placed by its second snapshot (an
    /// index recreated on another table under the same name has a `table` property change saying so).
    public var table: String?
    /// Added, removed or changed.
    public var action: Action
    /// For a removed object: the whole object as it was, in the snapshot's JSON form.
    public var old: JSONValue?
    /// For an added object: the whole object as it is, in the snapshot's JSON form.
    public var new: JSONValue?
    /// For a changed object: each property that differs, in property-path order.
    public var properties: [PropertyChange]

    /// Creates a change.
    public init(
        kind: ObjectKind, name: String, localName: String, schema: String?, table: String?, action: Action,
        old: JSONValue? = nil, new: JSONValue? = nil, properties: [PropertyChange] = []
    ) {
        self.kind = kind
        self.name = name
        self.localName = localName
        self.schema = schema
        self.table = table
        self.action = action
        self.old = old
        self.new = new
        self.properties = properties
    }

    /// The same change seen from the other side: what diffing the snapshots in the opposite order reports.
    public var mirrored: Change {
        var copy = self
        switch action {
        case .added: copy.action = .removed
        case .removed: copy.action = .added
        case .changed:
            copy.properties = properties.map(\.mirrored)
            // A changed object is placed by its new side; the other side's placement is in its properties.
            for property in copy.properties {
                if property.property == "table", let table = property.new.stringValue { copy.table = table }
                if property.property == "schema", let schema = property.new.stringValue { copy.schema = schema }
            }
        }
        copy.old = new
        copy.new = old
        return copy
    }

    /// The listing order: by kind, then qualified name.
    static func listedBefore(_ lhs: Change, _ rhs: Change) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.name < rhs.name
    }

    private enum CodingKeys: String, CodingKey {
        case kind, name, localName, schema, table, action, old, new, properties
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(ObjectKind.self, forKey: .kind)
        name = try container.decode(String.self, forKey: .name)
        localName = try container.decode(String.self, forKey: .localName)
        schema = try container.decodeIfPresent(String.self, forKey: .schema)
        table = try container.decodeIfPresent(String.self, forKey: .table)
        action = try container.decode(Action.self, forKey: .action)
        old = try container.decodeIfPresent(JSONValue.self, forKey: .old)
        new = try container.decodeIfPresent(JSONValue.self, forKey: .new)
        properties = try container.decodeIfPresent([PropertyChange].self, forKey: .properties) ?? []
    }

    /// Writes only the fields that apply: `old` for a removal, `new` for an addition, `properties` for a change.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(localName, forKey: .localName)
        try container.encodeIfPresent(schema, forKey: .schema)
        try container.encodeIfPresent(table, forKey: .table)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(old, forKey: .old)
        try container.encodeIfPresent(new, forKey: .new)
        if action == .changed { try container.encode(properties, forKey: .properties) }
    }
}

/// One property of a changed object, with its value on each side.
public struct PropertyChange: Codable, Sendable, Equatable {
    /// The property's path in the snapshot's JSON form, dotted for nested values: `type`, `keys`,
    /// `references.onDelete`, `columns.total.type` (a view's column).
    public var property: String
    /// The value in the first snapshot; `null` when the property was absent there.
    public var old: JSONValue
    /// The value in the second snapshot; `null` when the property is absent there.
    public var new: JSONValue

    /// Creates a property change.
    public init(property: String, old: JSONValue, new: JSONValue) {
        self.property = property
        self.old = old
        self.new = new
    }

    /// Old and new swapped.
    public var mirrored: PropertyChange { PropertyChange(property: property, old: new, new: old) }
}
