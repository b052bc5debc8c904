import PGCatalog
import PostgresWire

/// Reading and writing names in the snapshot's key format, which is the server's `quote_ident` format:
/// ``SQLIdentifier``'s ``SQLIdentifier/quoted(_:)`` and ``SQLIdentifier/parts(_:)``, shared with
/// `pgcheck verify`'s names.
typealias QualifiedName = SQLIdentifier

extension SQLIdentifier {
    /// A child object's key: its parent's key (already quoted), a dot, then its own quoted name.
    static func child(of parent: String, named name: String) -> String {
        parent + "." + quoted(name)
    }
}
