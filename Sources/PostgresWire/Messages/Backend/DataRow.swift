/// DataRow ('D') as an owned value: one row's column values, for transcripts, tests and callers that keep rows.
///
/// The streaming path never builds this: it reads columns in place through ``DataRowColumns``.
public struct DataRow: Sendable, Equatable {
    /// Each column's bytes; nil is SQL NULL.
    public var values: [[UInt8]?]

    /// Creates the message.
    public init(values: [[UInt8]?]) { self.values = values }

    static func decode(_ reader: inout MessageReader) throws -> DataRow {
        let count = Int(try reader.readInt16())
        guard count >= 0 else {
            throw ClientError(.protocolViolation, "DataRow announces a negative column count (\(count))")
        }
        var values: [[UInt8]?] = []
        values.reserveCapacity(min(count, reader.remaining / 4))
        for _ in 0..<count {
            let length = Int(try reader.readInt32())
            values.append(length == -1 ? nil : try reader.readBytes(count: length))
        }
        try reader.expectEnd()
        return DataRow(values: values)
    }
}
