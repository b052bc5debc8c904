/// Every message a PostgreSQL server sends to a client, decoded into owned values.
///
/// Decoding is a pure function of a frame's type byte and body: no I/O. The hot path for rows
/// skips this enum and reads DataRow columns in place (see ``DataRowColumns``).
public enum BackendMessage: Sendable, Equatable {
    /// An authentication request or outcome ('R').
    case authentication(AuthenticationRequest)
    /// The cancellation key ('K').
    case backendKeyData(BackendKeyData)
    /// Bind succeeded ('2').
    case bindComplete
    /// Close succeeded ('3').
    case closeComplete
    /// A statement finished ('C').
    case commandComplete(CommandComplete)
    /// Start of COPY BOTH, replication only ('W').
    case copyBothResponse(CopyResponse)
    /// A chunk of COPY data ('d').
    case copyData([UInt8])
    /// End of COPY data ('c').
    case copyDone
    /// The server wants COPY FROM STDIN data ('G').
    case copyInResponse(CopyResponse)
    /// COPY TO STDOUT data follows ('H').
    case copyOutResponse(CopyResponse)
    /// One row, owned ('D'); the streaming path reads rows in place instead.
    case dataRow(DataRow)
    /// The query string was empty ('I').
    case emptyQueryResponse
    /// An error ('E').
    case errorResponse(ErrorNoticeFields)
    /// Protocol version negotiation ('v').
    case negotiateProtocolVersion(NegotiateProtocolVersion)
    /// The statement returns no rows ('n').
    case noData
    /// A notice or warning ('N').
    case noticeResponse(ErrorNoticeFields)
    /// A NOTIFY for a channel we listen on ('A').
    case notificationResponse(NotificationResponse)
    /// A prepared statement's parameter types ('t').
    case parameterDescription(ParameterDescription)
    /// A run-time parameter's value ('S').
    case parameterStatus(ParameterStatus)
    /// Parse succeeded ('1').
    case parseComplete
    /// Execute reached its row limit ('s').
    case portalSuspended
    /// The server waits for the next request ('Z').
    case readyForQuery(ReadyForQuery)
    /// The columns of the rows that follow ('T').
    case rowDescription(RowDescription)

    /// Decodes one message body whose frame had type byte `type`.
    ///
    /// - Throws: ``ClientError`` with phase `.protocolViolation` for unknown types and malformed bodies.
    public static func decode(type: UInt8, body: UnsafeRawBufferPointer) throws -> BackendMessage {
        switch type {
        case BackendMessageType.authentication:
            var reader = MessageReader(body, context: "Authentication")
            return .authentication(try AuthenticationRequest.decode(&reader))
        case BackendMessageType.backendKeyData:
            var reader = MessageReader(body, context: "BackendKeyData")
            return .backendKeyData(try BackendKeyData.decode(&reader))
        case BackendMessageType.bindComplete: return try empty(.bindComplete, body, "BindComplete")
        case BackendMessageType.closeComplete: return try empty(.closeComplete, body, "CloseComplete")
        case BackendMessageType.commandComplete:
            var reader = MessageReader(body, context: "CommandComplete")
            return .commandComplete(try CommandComplete.decode(&reader))
        case BackendMessageType.copyBothResponse:
            var reader = MessageReader(body, context: "CopyBothResponse")
            return .copyBothResponse(try CopyResponse.decode(&reader))
        case BackendMessageType.copyData: return .copyData(Array(body))
        case BackendMessageType.copyDone: return try empty(.copyDone, body, "CopyDone")
        case BackendMessageType.copyInResponse:
            var reader = MessageReader(body, context: "CopyInResponse")
            return .copyInResponse(try CopyResponse.decode(&reader))
        case BackendMessageType.copyOutResponse:
            var reader = MessageReader(body, context: "CopyOutResponse")
            return .copyOutResponse(try CopyResponse.decode(&reader))
        case BackendMessageType.dataRow:
            var reader = MessageReader(body, context: "DataRow")
            return .dataRow(try DataRow.decode(&reader))
        case BackendMessageType.emptyQueryResponse: return try empty(.emptyQueryResponse, body, "EmptyQueryResponse")
        case BackendMessageType.errorResponse:
            var reader = MessageReader(body, context: "ErrorResponse")
            return .errorResponse(try ErrorNoticeFields.decode(&reader))
        case BackendMessageType.negotiateProtocolVersion:
            var reader = MessageReader(body, context: "NegotiateProtocolVersion")
            return .negotiateProtocolVersion(try NegotiateProtocolVersion.decode(&reader))
        case BackendMessageType.noData: return try empty(.noData, body, "NoData")
        case BackendMessageType.noticeResponse:
            var reader = MessageReader(body, context: "NoticeResponse")
            return .noticeResponse(try ErrorNoticeFields.decode(&reader))
        case BackendMessageType.notificationResponse:
            var reader = MessageReader(body, context: "NotificationResponse")
            return .notificationResponse(try NotificationResponse.decode(&reader))
        case BackendMessageType.parameterDescription:
            var reader = MessageReader(body, context: "ParameterDescription")
            return .parameterDescription(try ParameterDescription.decode(&reader))
        case BackendMessageType.parameterStatus:
            var reader = MessageReader(body, context: "ParameterStatus")
            return .parameterStatus(try ParameterStatus.decode(&reader))
        case BackendMessageType.parseComplete: return try empty(.parseComplete, body, "ParseComplete")
        case BackendMessageType.portalSuspended: return try empty(.portalSuspended, body, "PortalSuspended")
        case BackendMessageType.readyForQuery:
            var reader = MessageReader(body, context: "ReadyForQuery")
            return .readyForQuery(try ReadyForQuery.decode(&reader))
        case BackendMessageType.rowDescription:
            var reader = MessageReader(body, context: "RowDescription")
            return .rowDescription(try RowDescription.decode(&reader))
        default:
            throw ClientError(.protocolViolation, "server sent an unknown message type \(BackendMessageType.describe(type))")
        }
    }

    private static func empty(
        _ message: BackendMessage, _ body: UnsafeRawBufferPointer, _ name: StaticString
    ) throws -> BackendMessage {
        try MessageReader(body, context: name).expectEnd()
        return message
    }

    /// Decodes a message from an owned body (tests and transcripts).
    public static func decode(type: UInt8, body: [UInt8]) throws -> BackendMessage {
        try body.withUnsafeBytes { try decode(type: type, body: $0) }
    }
}
