/// CopyOutResponse ('H'), CopyInResponse ('G') and CopyBothResponse ('W') share this shape.
public struct CopyResponse: Sendable, Equatable {
    /// 0: textual COPY, 1: binary COPY.
    public var overallFormat: Int8
    /// One format code per column.
    public var columnFormats: [Int16]

    /// Creates the message.
    public init(overallFormat: Int8, columnFormats: [Int16]) {
        self.overallFormat = overallFormat
        self.columnFormats = columnFormats
    }

    static func decode(_ reader: inout MessageReader) throws -> CopyResponse {
        let overall = Int8(bitPattern: try reader.readUInt8())
        let count = Int(try reader.readInt16())
        guard count >= 0, count * 2 == reader.remaining else {
            throw ClientError(.protocolViolation, "COPY response announces \(count) columns but holds \(reader.remaining) bytes")
        }
        var formats: [Int16] = []
        formats.reserveCapacity(count)
        for _ in 0..<count { formats.append(try reader.readInt16()) }
        return CopyResponse(overallFormat: overall, columnFormats: formats)
    }
}
