/// Which migration last defined each object, read from the chain of drizzle-kit snapshots: the first
/// snapshot in which the object (or any of its properties) differs from the one before it. An object
/// that a later snapshot no longer has was dropped by that migration. When the snapshots just before it are
/// missing or unreadable, the change may have come from any of those migrations, and the answer says so.
public struct DriftProvenance: Sendable {
    private var lastChange: [String: String] = [:]

    /// No history: every object's migration is unknown.
    public init() {}

    /// Reads the history from snapshots in journal order, each with its migration's tag (nil: the
    /// snapshot is missing or could not be read).
    public init(history: [(tag: String, snapshot: DrizzleSchemaSnapshot?)]) {
        var previous: [String: AnyHashable] = [:]
        var unread: [String] = []
        for (tag, snapshot) in history {
            guard let snapshot else {
                unread.append(tag)
                continue
            }
            let current = Self.fingerprints(snapshot)
            var named = tag
            if let first = unread.first {
                named += unread.count == 1
                    ? ", or \(first) whose snapshot is missing or unreadable"
                    : ", or one of the \(unread.count) before it back to \(first) whose snapshots are missing or unreadable"
            }
            for (key, value) in current where previous[key] != value { lastChange[key] = named }
            for key in previous.keys where current[key] == nil { lastChange[key] = named }
            previous = current
            unread = []
        }
    }

    /// The migration that last defined (or dropped) the object named `key` (`index public.users_email_idx`).
    public func migration(for key: String) -> String? { lastChange[key] }

    /// A value per object that changes whenever drizzle's idea of the object changes.
    static func fingerprints(_ snapshot: DrizzleSchemaSnapshot) -> [String: AnyHashable] {
        var result: [String: AnyHashable] = [:]
        for schema in snapshot.schemas { result["schema \(schema)"] = schema }
        for item in snapshot.enums.values { result["enum \(item.schema).\(item.name)"] = item.values }
        for item in snapshot.sequences.values { result["sequence \(item.schema).\(item.name)"] = item }
        for item in snapshot.views.values { result["view \(item.schema).\(item.name)"] = item }
        for table in snapshot.tables.values {
            let prefix = "\(table.schema).\(table.name)"
            result["table \(prefix)"] = table.isRLSEnabled
            for column in table.columns { result["column \(prefix).\(column.name)"] = column }
            for index in table.indexes.values { result["index \(table.schema).\(index.name)"] = [AnyHashable(prefix), AnyHashable(index)] }
            for fk in table.foreignKeys.values { result["foreignKey \(prefix).\(fk.name)"] = fk }
            for unique in table.uniqueConstraints.values { result["unique \(prefix).\(unique.name)"] = unique }
            for (name, check) in table.checkConstraints { result["check \(prefix).\(name)"] = check }
            for policy in table.policies.values { result["policy \(prefix).\(policy.name)"] = policy }
            let pk = table.columns.filter(\.primaryKey).map(\.name)
            result["primaryKey \(prefix)"] = pk.isEmpty ? table.compositePrimaryKeys.values.map(\.columns).sorted { $0.joined() < $1.joined() } : [pk]
        }
        return result
    }
}
