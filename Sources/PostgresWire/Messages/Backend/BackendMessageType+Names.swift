extension BackendMessageType {
    /// The protocol name of a message type byte ("DataRow" for 'D'), or nil for a byte no server sends.
    ///
    /// Errors about a connection cut or stalled mid-message use it to say what was being received.
    public static func name(of type: UInt8) -> String? {
        switch type {
        case authentication: "Authentication"
        case backendKeyData: "BackendKeyData"
        case bindComplete: "BindComplete"
        case closeComplete: "CloseComplete"
        case commandComplete: "CommandComplete"
        case copyBothResponse: "CopyBothResponse"
        case copyData: "CopyData"
        case copyDone: "CopyDone"
        case copyInResponse: "CopyInResponse"
        case copyOutResponse: "CopyOutResponse"
        case dataRow: "DataRow"
        case emptyQueryResponse: "EmptyQueryResponse"
        case errorResponse: "ErrorResponse"
        case negotiateProtocolVersion: "NegotiateProtocolVersion"
        case noData: "NoData"
        case noticeResponse: "NoticeResponse"
        case notificationResponse: "NotificationResponse"
        case parameterDescription: "ParameterDescription"
        case parameterStatus: "ParameterStatus"
        case parseComplete: "ParseComplete"
        case portalSuspended: "PortalSuspended"
        case readyForQuery: "ReadyForQuery"
        case rowDescription: "RowDescription"
        default: nil
        }
    }

    /// A message type for a sentence: "a DataRow message ('D')", "a DataRow message ('D', detail)", or
    /// "a message of unknown type 0x07".
    static func phrase(_ type: UInt8, detail: String? = nil) -> String {
        let parenthesis = "(\(describe(type))\(detail.map { ", \($0)" } ?? ""))"
        guard let name = name(of: type) else { return "a message of unknown type \(parenthesis)" }
        return "a\(name.first.map { "AEIOU".contains($0) } == true ? "n" : "") \(name) message \(parenthesis)"
    }
}
