/// BackendKeyData ('K'): the key a CancelRequest must present to cancel this session's query.
public struct BackendKeyData: Sendable, Equatable {
    /// The backend's process ID.
    public var processID: Int32
    /// The secret key.
    public var secretKey: Int32

    /// Creates the message.
    public init(processID: Int32, secretKey: Int32) {
        self.processID = processID
        self.secretKey = secretKey
    }

    static func decode(_ reader: inout MessageReader) throws -> BackendKeyData {
        let processID = try reader.readInt32()
        let secretKey = try reader.readInt32()
        try reader.expectEnd()
        return BackendKeyData(processID: processID, secretKey: secretKey)
    }
}
