/// ParameterDescription ('t'): the parameter types the server settled on for a prepared statement.
public struct ParameterDescription: Sendable, Equatable {
    /// One type OID per parameter.
    public var dataTypeOIDs: [UInt32]

    /// Creates the message.
    public init(dataTypeOIDs: [UInt32]) { self.dataTypeOIDs = dataTypeOIDs }

    static func decode(_ reader: inout MessageReader) throws -> ParameterDescription {
        let count = Int(try reader.readInt16())
        guard count >= 0, count * 4 == reader.remaining else {
            throw ClientError(.protocolViolation, "ParameterDescription announces \(count) parameters but holds \(reader.remaining) bytes")
        }
        var oids: [UInt32] = []
        oids.reserveCapacity(count)
        for _ in 0..<count { oids.append(try reader.readUInt32()) }
        return ParameterDescription(dataTypeOIDs: oids)
    }
}
