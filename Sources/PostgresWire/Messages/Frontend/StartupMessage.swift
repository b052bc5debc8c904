/// StartupMessage: the first message of a session, naming the protocol version, user and parameters.
public struct StartupMessage: FrontendMessage, Equatable {
    /// Protocol 3.0, as (major << 16) | minor.
    public static let protocolVersion3: Int32 = 196_608

    /// The protocol version requested.
    public var protocolVersion: Int32
    /// Startup parameters in the order sent: `user` first, then `database`, `application_name`, `options`...
    public var parameters: [(String, String)]

    /// Creates a protocol 3.0 startup message.
    public init(parameters: [(String, String)], protocolVersion: Int32 = StartupMessage.protocolVersion3) {
        self.parameters = parameters
        self.protocolVersion = protocolVersion
    }

    public func encode(into writer: inout MessageWriter) {
        writer.beginUntypedMessage()
        writer.writeInt32(protocolVersion)
        for (name, value) in parameters {
            writer.writeCString(name)
            writer.writeCString(value)
        }
        writer.writeUInt8(0)
        writer.finishMessage()
    }

    public static func == (lhs: StartupMessage, rhs: StartupMessage) -> Bool {
        lhs.protocolVersion == rhs.protocolVersion
            && lhs.parameters.map { [$0.0, $0.1] } == rhs.parameters.map { [$0.0, $0.1] }
    }
}
