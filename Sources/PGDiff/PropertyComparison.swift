import PGCatalog
import PGJSON

/// Compares two versions of one object, property by property.
enum PropertyComparison {
    /// The properties that differ between `old` and `new`, in path order.
    ///
    /// Objects are compared member by member (a property absent on one side compares as `null`), so a
    /// foreign key's changed `ON DELETE` is reported as `references.onDelete` rather than as the whole
    /// reference. Arrays and scalars are compared whole: an index's key list is one property, so the
    /// report shows the old and the new list side by side.
    static func changes(old: JSONValue, new: JSONValue, path: String = "") -> [PropertyChange] {
        // Most objects are unchanged: equal values have no differing property, and comparing them is
        // much cheaper than walking the union of their keys.
        if old == new { return [] }
        if let oldMembers = old.objectValue, let newMembers = new.objectValue {
            return Set(oldMembers.keys).union(newMembers.keys).sorted().flatMap { key in
                changes(old: oldMembers[key] ?? .null, new: newMembers[key] ?? .null, path: path.isEmpty ? key : path + "." + key)
            }
        }
        return old == new ? [] : [PropertyChange(property: path, old: old, new: new)]
    }
}
