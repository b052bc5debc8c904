extension BackendMessage {
    /// The protocol name of the message, for error messages.
    public var kindName: String {
        switch self {
        case .authentication: "Authentication"
        case .backendKeyData: "BackendKeyData"
        case .bindComplete: "BindComplete"
        case .closeComplete: "CloseComplete"
        case .commandComplete: "CommandComplete"
        case .copyBothResponse: "CopyBothResponse"
        case .copyData: "CopyData"
        case .copyDone: "CopyDone"
        case .copyInResponse: "CopyInResponse"
        case .copyOutResponse: "CopyOutResponse"
        case .dataRow: "DataRow"
        case .emptyQueryResponse: "EmptyQueryResponse"
        case .errorResponse: "ErrorResponse"
        case .negotiateProtocolVersion: "NegotiateProtocolVersion"
        case .noData: "NoData"
        case .noticeResponse: "NoticeResponse"
        case .notificationResponse: "NotificationResponse"
        case .parameterDescription: "ParameterDescription"
        case .parameterStatus: "ParameterStatus"
        case .parseComplete: "ParseComplete"
        case .portalSuspended: "PortalSuspended"
        case .readyForQuery: "ReadyForQuery"
        case .rowDescription: "RowDescription"
        }
    }
}
