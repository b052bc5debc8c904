/// The columns of a result: names, types and formats, with a name index built once per result.
///
/// Shared by every row of that result, so looking a column up by name costs one dictionary probe
/// and no per-row work. Each column's type and format are also kept in flat memory of plain integers
/// (`layout`), which rows read while decoding without touching reference counts or strings.
///
/// Immutable once created, hence `@unchecked Sendable`: the flat copy is written only by `init`.
public final class PostgresColumns: @unchecked Sendable {
    /// The descriptions as the server sent them.
    public let descriptions: [RowDescription.Column]
    /// The column names, in order.
    public let names: [String]
    /// The session settings binary values of this result are rendered as text under (``text(at:)`` of its
    /// rows, ``ResultTextRenderer``): those the formats were chosen for, else ``ServerTextSettings/assumed``.
    public let textSettings: ServerTextSettings
    /// The number of columns.
    public let count: Int
    private let indexByName: [String: Int]
    /// Each column's type and format, `count` entries, freed with the columns.
    @usableFromInline let layout: UnsafeMutablePointer<ColumnLayout>

    /// What decoding needs to know about one column.
    @usableFromInline struct ColumnLayout {
        @usableFromInline let typeOID: PostgresOID
        @usableFromInline let format: PostgresFormat
    }

    /// Creates the column set from a RowDescription; binary values render under `textSettings`.
    public init(_ description: RowDescription, textSettings: ServerTextSettings = .assumed) {
        self.textSettings = textSettings
        descriptions = description.columns
        names = description.columns.map(\.name)
        count = description.columns.count
        layout = .allocate(capacity: max(count, 1))
        for (position, column) in description.columns.enumerated() {
            (layout + position).initialize(to: ColumnLayout(
                typeOID: column.dataTypeOID, format: column.formatCode == 1 ? .binary : .text))
        }
        var index: [String: Int] = [:]
        // The first column wins when names repeat, as in most drivers.
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        indexByName = index
    }

    /// What each row of this result carries: the columns without reference counting, for the
    /// connection to build rows with (it keeps the columns alive for the whole result).
    struct RowShape {
        let columns: Unmanaged<PostgresColumns>
        let layout: UnsafePointer<ColumnLayout>
        let count: Int
    }

    /// This result's ``RowShape``.
    var rowShape: RowShape {
        RowShape(columns: .passUnretained(self), layout: UnsafePointer(layout), count: count)
    }

    deinit {
        layout.deinitialize(count: count)
        layout.deallocate()
    }

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
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return layout[index].format
    }

    /// The type OID of column `index`.
    @inlinable public func typeOID(at index: Int) -> PostgresOID {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return layout[index].typeOID
    }
}
