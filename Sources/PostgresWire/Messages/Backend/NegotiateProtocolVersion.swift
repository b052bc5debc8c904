/// NegotiateProtocolVersion ('v'): the server supports an older minor version or not all protocol options asked for.
public struct NegotiateProtocolVersion: Sendable, Equatable {
    /// The newest minor protocol version the server supports.
    public var newestMinorVersion: Int32
    /// Protocol options (`_pq_.…`) the server did not recognise.
    public var unrecognizedOptions: [String]

    /// Creates the message.
    public init(newestMinorVersion: Int32, unrecognizedOptions: [String]) {
        self.newestMinorVersion = newestMinorVersion
        self.unrecognizedOptions = unrecognizedOptions
    }

    static func decode(_ reader: inout MessageReader) throws -> NegotiateProtocolVersion {
        let minor = try reader.readInt32()
        let count = Int(try reader.readInt32())
        guard count >= 0, count <= reader.remaining else {
            throw ClientError(.protocolViolation, "NegotiateProtocolVersion announces \(count) options but holds \(reader.remaining) bytes")
        }
        var options: [String] = []
        for _ in 0..<count { options.append(try reader.readCString()) }
        try reader.expectEnd()
        return NegotiateProtocolVersion(newestMinorVersion: minor, unrecognizedOptions: options)
    }
}
