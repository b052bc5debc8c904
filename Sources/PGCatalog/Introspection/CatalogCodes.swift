import PostgresWire

/// The single-letter codes the catalogs use, mapped onto the snapshot's named values.
enum CatalogCodes {
    static let persistence: [String: Snapshot.Persistence] = ["p": .permanent, "u": .unlogged]
    static let partitionStrategy: [String: Snapshot.PartitionStrategy] = ["r": .range, "l": .list, "h": .hash]
    static let identity: [String: Snapshot.Identity] = ["a": .always, "d": .byDefault]
    static let storage: [String: Snapshot.Storage] = ["p": .plain, "e": .external, "x": .extended, "m": .main]
    static let compression: [String: String] = ["p": "pglz", "l": "lz4"]
    static let constraintType: [String: Snapshot.ConstraintType] = [
        "p": .primaryKey, "u": .unique, "f": .foreignKey, "c": .check, "x": .exclusion, "t": .trigger,
    ]
    static let foreignKeyAction: [String: Snapshot.ForeignKeyAction] = [
        "a": .noAction, "r": .restrict, "c": .cascade, "n": .setNull, "d": .setDefault,
    ]
    static let foreignKeyMatch: [String: Snapshot.ForeignKeyMatch] = ["s": .simple, "f": .full, "p": .partial]
    static let policyCommand: [String: Snapshot.PolicyCommand] = ["*": .all, "r": .select, "a": .insert, "w": .update, "d": .delete]
    static let functionKind: [String: Snapshot.FunctionKind] = ["f": .function, "p": .procedure, "a": .aggregate, "w": .window]
    static let volatility: [String: Snapshot.Volatility] = ["i": .immutable, "s": .stable, "v": .volatile]
    static let parallel: [String: Snapshot.ParallelSafety] = ["s": .safe, "r": .restricted, "u": .unsafe]
    static let triggerEnabled: [String: Snapshot.TriggerEnabled] = ["O": .origin, "D": .disabled, "R": .replica, "A": .always]

    /// Looks `code` up in `table`, or explains which catalog value this version of pgcheck does not know.
    /// `object` names the object only in that error (built only then: this runs for every column).
    static func value<T>(_ code: String, in table: [String: T], field: String, of object: @autoclosure () -> String) throws -> T {
        guard let value = table[code] else {
            throw ClientError(
                .query, "unexpected \(field) '\(code)' for \(object()); this pgcheck reads PostgreSQL 12 to 17 catalogs")
        }
        return value
    }

    /// Like ``value(_:in:field:of:)``, but the empty code means "none".
    static func optionalValue<T>(
        _ code: String?, in table: [String: T], field: String, of object: @autoclosure () -> String
    ) throws -> T? {
        guard let code, !code.isEmpty else { return nil }
        return try value(code, in: table, field: field, of: object())
    }
}
