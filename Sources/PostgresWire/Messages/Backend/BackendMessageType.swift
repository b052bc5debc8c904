/// The backend message type bytes, named.
public enum BackendMessageType {
    public static let authentication = UInt8(ascii: "R")
    public static let backendKeyData = UInt8(ascii: "K")
    public static let bindComplete = UInt8(ascii: "2")
    public static let closeComplete = UInt8(ascii: "3")
    public static let commandComplete = UInt8(ascii: "C")
    public static let copyBothResponse = UInt8(ascii: "W")
    public static let copyData = UInt8(ascii: "d")
    public static let copyDone = UInt8(ascii: "c")
    public static let copyInResponse = UInt8(ascii: "G")
    public static let copyOutResponse = UInt8(ascii: "H")
    public static let dataRow = UInt8(ascii: "D")
    public static let emptyQueryResponse = UInt8(ascii: "I")
    public static let errorResponse = UInt8(ascii: "E")
    public static let negotiateProtocolVersion = UInt8(ascii: "v")
    public static let noData = UInt8(ascii: "n")
    public static let noticeResponse = UInt8(ascii: "N")
    public static let notificationResponse = UInt8(ascii: "A")
    public static let parameterDescription = UInt8(ascii: "t")
    public static let parameterStatus = UInt8(ascii: "S")
    public static let parseComplete = UInt8(ascii: "1")
    public static let portalSuspended = UInt8(ascii: "s")
    public static let readyForQuery = UInt8(ascii: "Z")
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
