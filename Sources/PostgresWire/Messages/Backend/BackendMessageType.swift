/// The backend message type bytes, named.
public enum BackendMessageType {
    /// The type byte of Authentication ('R').
    public static let authentication = UInt8(ascii: "R")
    /// The type byte of BackendKeyData ('K').
    public static let backendKeyData = UInt8(ascii: "K")
    /// The type byte of BindComplete ('2').
    public static let bindComplete = UInt8(ascii: "2")
    /// The type byte of CloseComplete ('3').
    public static let closeComplete = UInt8(ascii: "3")
    /// The type byte of CommandComplete ('C').
    public static let commandComplete = UInt8(ascii: "C")
    /// The type byte of CopyBothResponse ('W').
    public static let copyBothResponse = UInt8(ascii: "W")
    /// The type byte of CopyData ('d').
    public static let copyData = UInt8(ascii: "d")
    /// The type byte of CopyDone ('c').
    public static let copyDone = UInt8(ascii: "c")
    /// The type byte of CopyInResponse ('G').
    public static let copyInResponse = UInt8(ascii: "G")
    /// The type byte of CopyOutResponse ('H').
    public static let copyOutResponse = UInt8(ascii: "H")
    /// The type byte of DataRow ('D').
    public static let dataRow = UInt8(ascii: "D")
    /// The type byte of EmptyQueryResponse ('I').
    public static let emptyQueryResponse = UInt8(ascii: "I")
    /// The type byte of ErrorResponse ('E').
    public static let errorResponse = UInt8(ascii: "E")
    /// The type byte of NegotiateProtocolVersion ('v').
    public static let negotiateProtocolVersion = UInt8(ascii: "v")
    /// The type byte of NoData ('n').
    public static let noData = UInt8(ascii: "n")
    /// The type byte of NoticeResponse ('N').
    public static let noticeResponse = UInt8(ascii: "N")
    /// The type byte of NotificationResponse ('A').
    public static let notificationResponse = UInt8(ascii: "A")
    /// The type byte of ParameterDescription ('t').
    public static let parameterDescription = UInt8(ascii: "t")
    /// The type byte of ParameterStatus ('S').
    public static let parameterStatus = UInt8(ascii: "S")
    /// The type byte of ParseComplete ('1').
    public static let parseComplete = UInt8(ascii: "1")
    /// The type byte of PortalSuspended ('s').
    public static let portalSuspended = UInt8(ascii: "s")
    /// The type byte of ReadyForQuery ('Z').
    public static let readyForQuery = UInt8(ascii: "Z")
    /// The type byte of RowDescription ('T').
    public static let rowDescription = UInt8(ascii: "T")

    /// Whether messages of this type may legitimately be large (rows, copy data, errors with long
    /// detail). Others are capped small, as libpq does, so a corrupt length is caught early.
    public static func mayBeLong(_ type: UInt8) -> Bool {
        switch type {
        case dataRow, copyData, rowDescription, errorResponse, noticeResponse, notificationResponse,
             parameterDescription:
            true
        default:
            false
        }
    }

    /// A readable form of a type byte for error messages: `'D'` or `0x07`.
    public static func describe(_ type: UInt8) -> String {
        (0x20..<0x7F).contains(type) ? "'\(Character(Unicode.Scalar(type)))'" : "0x" + String(type, radix: 16)
    }
}
