/// ParameterStatus ('S'): the current value of a run-time parameter the server reports (server_version, TimeZone...).
public struct ParameterStatus: Sendable, Equatable {
    /// The parameter's name.
    public var name: String
    /// Its value.
    public var value: String

    /// Creates the message.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    static func decode(_ reader: inout MessageReader) throws -> ParameterStatus {
        let name = try reader.readCString()
        let value = try reader.readCString()
        try reader.expectEnd()
        return ParameterStatus(name: name, value: value)
    }
}
