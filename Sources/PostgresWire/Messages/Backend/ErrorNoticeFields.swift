/// The fields of an ErrorResponse or NoticeResponse, keyed by their one-byte codes.
///
/// See "Error and Notice Message Fields" in the PostgreSQL protocol documentation.
public struct ErrorNoticeFields: Sendable, Equatable {
    /// The raw fields by code byte, e.g. `C` → "28P01".
    public var fields: [UInt8: String]

    /// Creates the fields from a dictionary keyed by code byte.
    public init(_ fields: [UInt8: String]) { self.fields = fields }

    /// The field with this code letter, if sent.
    public subscript(_ code: Character) -> String? { code.asciiValue.flatMap { fields[$0] } }

    static func decode(_ reader: inout MessageReader) throws -> ErrorNoticeFields {
        var fields: [UInt8: String] = [:]
        while true {
            let code = try reader.readUInt8()
            if code == 0 { break }
            fields[code] = try reader.readCString()
        }
        try reader.expectEnd()
        return ErrorNoticeFields(fields)
    }
}
