/// PostgreSQL protocol bytes built by hand, the way a server frames them: for decoder tests and for
/// fake servers that say exactly what a test needs, including what no real server would say.
public enum WireBytes {
    /// A big-endian 16-bit integer.
    public static func int16(_ value: Int16) -> [UInt8] {
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits >> 8), UInt8(bits & 0xFF)]
    }

    /// A big-endian 32-bit integer.
    public static func int32(_ value: Int32) -> [UInt8] {
        let bits = UInt32(bitPattern: value)
        return [UInt8(bits >> 24), UInt8((bits >> 16) & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8(bits & 0xFF)]
    }

    /// The big-endian unsigned 32-bit integer at `offset` of `bytes` (a length field, say), as an `Int`.
    public static func uint32(in bytes: some Collection<UInt8>, at offset: Int) -> Int {
        let start = bytes.index(bytes.startIndex, offsetBy: offset)
        return bytes[start...].prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }

    /// UTF-8 text and its NUL terminator.
    public static func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    /// The request code that makes an 8-byte startup packet an SSLRequest (80877103).
    public static let sslRequestCode: [UInt8] = [0x04, 0xD2, 0x16, 0x2F]

    /// Whether `packet` (an untyped startup packet, length first) is an SSLRequest.
    public static func isSSLRequest(_ packet: some Collection<UInt8>) -> Bool {
        packet.count >= 8 && Array(packet.dropFirst(4).prefix(4)) == sslRequestCode
    }

    /// A typed message: type byte, big-endian length (counting itself), body.
    public static func message(_ type: Character, _ body: [UInt8] = []) -> [UInt8] {
        header(type, announcing: Int32(body.count + 4)) + body
    }

    /// A header announcing `length` (which counts itself) whatever follows: for lying servers.
    public static func header(_ type: Character, announcing length: Int32) -> [UInt8] {
        [type.asciiValue!] + int32(length)
    }

    /// An Authentication message with its code (0 ok, 3 cleartext, 5 MD5, 10 SASL…) and data.
    public static func authentication(_ code: Int32, _ data: [UInt8] = []) -> [UInt8] { message("R", int32(code) + data) }
    /// AuthenticationOk.
    public static let authenticationOk = authentication(0)
    /// AuthenticationCleartextPassword.
    public static let cleartextPasswordRequest = authentication(3)
    /// AuthenticationMD5Password with its salt.
    public static func md5PasswordRequest(salt: [UInt8] = [1, 2, 3, 4]) -> [UInt8] { authentication(5, salt) }
    /// AuthenticationSASL offering `mechanisms`.
    public static func sasl(_ mechanisms: [String]) -> [UInt8] { authentication(10, mechanisms.flatMap(cString) + [0]) }
    /// AuthenticationSASLContinue.
    public static func saslContinue(_ text: String) -> [UInt8] { authentication(11, Array(text.utf8)) }
    /// AuthenticationSASLFinal.
    public static func saslFinal(_ text: String) -> [UInt8] { authentication(12, Array(text.utf8)) }

    /// ParameterStatus.
    public static func parameterStatus(_ name: String, _ value: String) -> [UInt8] {
        message("S", cString(name) + cString(value))
    }

    /// BackendKeyData (process 4242, key 77).
    public static let backendKey = message("K", int32(4242) + int32(77))

    /// ReadyForQuery with a transaction status: `I` idle, `T` in a transaction, `E` in a failed one.
    public static func readyForQuery(_ status: Character = "I") -> [UInt8] { message("Z", [status.asciiValue!]) }

    /// What a trust server sends after the startup message: AuthenticationOk to ReadyForQuery.
    public static let trustStartup = authenticationOk + parameterStatus("server_version", "15.0 (hostile test server)")
        + parameterStatus("client_encoding", "UTF8") + backendKey + readyForQuery()

    /// A RowDescription of columns of one type (text by default) in one format (0 text, 1 binary).
    public static func rowDescription(_ names: [String], type: UInt32 = 25, format: Int16 = 0) -> [UInt8] {
        rowDescription(columns: names.map { ($0, type) }, format: format)
    }

    /// A RowDescription of named, typed columns (type OIDs) in one format.
    public static func rowDescription(columns: [(name: String, type: UInt32)], format: Int16 = 0) -> [UInt8] {
        var body = int16(Int16(columns.count))
        for (name, type) in columns {
            body += cString(name) + int32(0) + int16(0) + int32(Int32(bitPattern: type)) + int16(-1) + int32(-1) + int16(format)
        }
        return message("T", body)
    }

    /// A DataRow of text values; nil is NULL.
    public static func dataRow(_ values: [String?]) -> [UInt8] {
        var body = int16(Int16(values.count))
        for value in values {
            if let value { body += int32(Int32(value.utf8.count)) + Array(value.utf8) } else { body += int32(-1) }
        }
        return message("D", body)
    }

    /// CommandComplete with its tag (`SELECT 2`).
    public static func commandComplete(_ tag: String) -> [UInt8] { message("C", cString(tag)) }

    /// An ErrorResponse of the given fields, e.g. `("M", "boom")`.
    public static func errorResponse(_ fields: [(Character, String)]) -> [UInt8] {
        message("E", fields.flatMap { [$0.0.asciiValue!] + cString($0.1) } + [0])
    }

    /// An ErrorResponse with severity, SQLSTATE and message.
    public static func errorResponse(severity: String = "ERROR", code: String, _ text: String) -> [UInt8] {
        errorResponse([("S", severity), ("V", severity), ("C", code), ("M", text)])
    }
}
