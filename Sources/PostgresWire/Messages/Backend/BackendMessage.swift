/// Every message a PostgreSQL server sends to a client, decoded into owned values.
///
/// Decoding is a pure function of a frame's type byte and body: no I/O. The hot path for rows
/// skips this enum and reads DataRow columns in place (see ``DataRowColumns``).
public enum BackendMessage: Sendable, Equatable {
    case authentication(AuthenticationRequest)
    case backendKeyData(BackendKeyData)
    case bindComplete
    case closeComplete
    case commandComplete(CommandComplete)
    case copyBothResponse(CopyResponse)
    case copyData([UInt8])
    case copyDone
    case copyInResponse(CopyResponse)
    case copyOutResponse(CopyResponse)
    case dataRow(DataRow)
    case emptyQueryResponse
    case errorResponse(ErrorNoticeFields)
    case negotiateProtocolVersion(NegotiateProtocolVersion)
    case noData
    case noticeResponse(ErrorNoticeFields)
    case notificationResponse(NotificationResponse)
    case parameterDescription(ParameterDescription)
    case parameterStatus(ParameterStatus)
    case parseComplete
    case portalSuspended
    case readyForQuery(ReadyForQuery)
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
