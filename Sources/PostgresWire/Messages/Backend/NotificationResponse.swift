/// NotificationResponse ('A'): a NOTIFY delivered to a channel this session LISTENs on.
public struct NotificationResponse: Sendable, Equatable {
    /// The notifying backend's process ID.
    public var processID: Int32
    /// The channel name.
    public var channel: String
    /// The payload ("" when none).
    public var payload: String

    /// Creates the message.
    public init(processID: Int32, channel: String, payload: String) {
        self.processID = processID
        self.channel = channel
        self.payload = payload
    }

    static func decode(_ reader: inout MessageReader) throws -> NotificationResponse {
        let pid = try reader.readInt32()
        let channel = try reader.readCString()
        let payload = try reader.readCString()
        try reader.expectEnd()
        return NotificationResponse(processID: pid, channel: channel, payload: payload)
    }
}
