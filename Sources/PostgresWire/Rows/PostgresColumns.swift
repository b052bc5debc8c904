/// The columns of a result: names, types and formats, with a name index built once per result.
///
/// Shared by every row of that result, so looking a column up by name costs one dictionary probe
/// and no per-row work.
public final class PostgresColumns: Sendable {
    /// The descriptions as the server sent them.
    public let descriptions: [RowDescription.Column]
    /// The column names, in order.
    public let names: [String]
    private let indexByName: [String: Int]

    /// Creates the column set from a RowDescription.
    public init(_ description: RowDescription) {
        descriptions = description.columns
        names = description.columns.map(\.name)
        var index: [String: Int] = [:]
        // The first column wins when names repeat, as in most drivers.
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        indexByName = index
    }

    /// The number of columns.
    public var count: Int { descriptions.count }

    /// The position of the first column with this name.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The position of `name`, or an error naming the columns that exist.
    public func requireIndex(of name: String) throws -> Int {
        guard let position = indexByName[name] else {
            throw ClientError(.query, "the result has no column \"\(name)\"; its columns are: \(names.joined(separator: ", "))")
        }
        return position
    }

    /// The format of column `index`.
    @inlinable public func format(at index: Int) -> PostgresFormat {
        descriptions[index].formatCode == 1 ? .binary : .text
    }

    /// The type OID of column `index`.
    @inlinable public func typeOID(at index: Int) -> PostgresOID { descriptions[index].dataTypeOID }
}
