/// RowDescription ('T'): the columns of the rows that follow.
public struct RowDescription: Sendable, Equatable {
    /// One result column.
    public struct Column: Sendable, Equatable {
        /// The column name (or alias).
        public var name: String
        /// The table it comes from, or 0.
        public var tableOID: UInt32
        /// Its attribute number in that table, or 0.
        public var columnAttributeNumber: Int16
        /// The data type OID.
        public var dataTypeOID: UInt32
        /// The type's size (`pg_type.typlen`); negative for variable width.
        public var dataTypeSize: Int16
        /// The type modifier (`atttypmod`), e.g. numeric precision and scale.
        public var typeModifier: Int32
        /// 0 for text, 1 for binary.
        public var formatCode: Int16

        /// Creates a column description.
        public init(
            name: String, tableOID: UInt32 = 0, columnAttributeNumber: Int16 = 0, dataTypeOID: UInt32,
            dataTypeSize: Int16 = -1, typeModifier: Int32 = -1, formatCode: Int16 = 0
        ) {
            self.name = name
            self.tableOID = tableOID
            self.columnAttributeNumber = columnAttributeNumber
            self.dataTypeOID = dataTypeOID
            self.dataTypeSize = dataTypeSize
            self.typeModifier = typeModifier
            self.formatCode = formatCode
        }
    }

    /// The columns, in order.
    public var columns: [Column]

    /// Creates the message.
    public init(columns: [Column]) { self.columns = columns }

    static func decode(_ reader: inout MessageReader) throws -> RowDescription {
        let count = Int(try reader.readInt16())
        guard count >= 0 else {
            throw ClientError(.protocolViolation, "RowDescription announces a negative column count (\(count))")
        }
        // Each column needs at least 19 bytes; checking first keeps a lying count from reserving memory.
        guard count * 19 <= reader.remaining else {
            throw ClientError(.protocolViolation, "RowDescription announces \(count) columns but holds only \(reader.remaining) bytes")
        }
        var columns: [Column] = []
        columns.reserveCapacity(count)
        for _ in 0..<count {
            columns.append(Column(
                name: try reader.readCString(),
                tableOID: try reader.readUInt32(),
                columnAttributeNumber: try reader.readInt16(),
                dataTypeOID: try reader.readUInt32(),
                dataTypeSize: try reader.readInt16(),
                typeModifier: try reader.readInt32(),
                formatCode: try reader.readInt16()
            ))
        }
        try reader.expectEnd()
        return RowDescription(columns: columns)
    }
}
