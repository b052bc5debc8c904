/// How a binary value of one type becomes the server's text: decided once per column from the type OID,
/// so rendering a row switches on a byte rather than comparing OIDs.
enum ValueTextKind: UInt8 {
    /// Text-format value, or a type whose binary form is its text (`text`, `varchar`, `name`, `json`…): copied.
    case verbatim
    case char, bool, int2, int4, int8, oid, float4, float8, numeric, uuid
    case date, time, timestamp, timestamptz, interval, bytea, jsonb
    /// A binary array: its elements' type is read from the value itself.
    case array
    /// A binary type not rendered here: printed as `\x` and hex.
    case unknown

    /// The kind for a binary value of `type`.
    init(binaryType type: PostgresOID) {
        switch type {
        case PostgresTypeOID.text, PostgresTypeOID.varchar, PostgresTypeOID.bpchar, PostgresTypeOID.name,
             PostgresTypeOID.unknown, PostgresTypeOID.json:
            self = .verbatim
        case PostgresTypeOID.char: self = .char
        case PostgresTypeOID.bool: self = .bool
        case PostgresTypeOID.int2: self = .int2
        case PostgresTypeOID.int4: self = .int4
        case PostgresTypeOID.int8: self = .int8
        case PostgresTypeOID.oid: self = .oid
        case PostgresTypeOID.float4: self = .float4
        case PostgresTypeOID.float8: self = .float8
        case PostgresTypeOID.numeric: self = .numeric
        case PostgresTypeOID.uuid: self = .uuid
        case PostgresTypeOID.date: self = .date
        case PostgresTypeOID.time: self = .time
        case PostgresTypeOID.timestamp: self = .timestamp
        case PostgresTypeOID.timestamptz: self = .timestamptz
        case PostgresTypeOID.interval: self = .interval
        case PostgresTypeOID.bytea: self = .bytea
        case PostgresTypeOID.jsonb: self = .jsonb
        default: self = PostgresTypeOID.elementOID(forArray: type) != nil ? .array : .unknown
        }
    }

    /// The kind for column values that arrive in `format`.
    init(format: PostgresFormat, type: PostgresOID) {
        self = format == .text ? .verbatim : ValueTextKind(binaryType: type)
    }

    /// Whether this kind's text is always plain ASCII letters, digits, spaces and `-+:./`: never quoted by
    /// CSV, never escaped by COPY text format, never needs a repair of its bytes.
    var isPlainASCII: Bool {
        switch self {
        case .bool, .int2, .int4, .int8, .oid, .float4, .float8, .numeric, .uuid, .date, .time, .timestamp,
             .timestamptz, .interval:
            return true
        case .verbatim, .char, .bytea, .jsonb, .array, .unknown:
            return false
        }
    }
}
