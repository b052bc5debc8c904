/// Test support: backend messages as bytes, for fake servers that say exactly what a test needs,
/// including what no real server would say.
enum WireBytes {
    static func int16(_ value: Int16) -> [UInt8] {
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits >> 8), UInt8(bits & 0xFF)]
    }

    static func int32(_ value: Int32) -> [UInt8] {
        let bits = UInt32(bitPattern: value)
        return [UInt8(bits >> 24), UInt8((bits >> 16) & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8(bits & 0xFF)]
    }

    static func cString(_ text: String) -> [UInt8] { Array(text.utf8) + [0] }

    /// A message with its length computed from the body.
    static func message(_ type: Character, _ body: [UInt8] = []) -> [UInt8] {
        [UInt8(ascii: type.unicodeScalars.first!)] + int32(Int32(body.count + 4)) + body
    }

    /// A header announcing `length` (which counts itself) whatever follows: for lying servers.
    static func header(_ type: Character, announcing length: Int32) -> [UInt8] {
        [UInt8(ascii: type.unicodeScalars.first!)] + int32(length)
    }

    static func authentication(_ code: Int32, _ data: [UInt8] = []) -> [UInt8] { message("R", int32(code) + data) }
    static let authenticationOk = authentication(0)
    static let cleartextPasswordRequest = authentication(3)
    static func md5PasswordRequest(salt: [UInt8] = [1, 2, 3, 4]) -> [UInt8] { authentication(5, salt) }
    static func sasl(_ mechanisms: [String]) -> [UInt8] { authentication(10, mechanisms.flatMap(cString) + [0]) }
    static func saslContinue(_ text: String) -> [UInt8] { authentication(11, Array(text.utf8)) }
    static func saslFinal(_ text: String) -> [UInt8] { authentication(12, Array(text.utf8)) }

    static func parameterStatus(_ name: String, _ value: String) -> [UInt8] { message("S", cString(name) + cString(value)) }
    static let backendKey = message("K", int32(4242) + int32(77))
    static let readyForQuery = message("Z", [UInt8(ascii: "I")])

    /// What a trust server sends after the startup message: AuthenticationOk to ReadyForQuery.
    static let trustStartup = authenticationOk + parameterStatus("server_version", "15.0 (hostile test server)")
        + parameterStatus("client_encoding", "UTF8") + backendKey + readyForQuery

    /// A RowDescription of text columns.
    static func rowDescription(_ names: [String], type: Int32 = 25) -> [UInt8] {
        var body = int16(Int16(names.count))
        for name in names {
            body += cString(name) + int32(0) + int16(0) + int32(type) + int16(-1) + int32(-1) + int16(0)
        }
        return message("T", body)
    }

    /// A DataRow; nil is NULL.
    static func dataRow(_ values: [String?]) -> [UInt8] {
        var body = int16(Int16(values.count))
        for value in values {
            if let value { body += int32(Int32(value.utf8.count)) + Array(value.utf8) } else { body += int32(-1) }
        }
        return message("D", body)
    }

    static func commandComplete(_ tag: String) -> [UInt8] { message("C", cString(tag)) }

    static func errorResponse(severity: String = "ERROR", code: String, _ text: String) -> [UInt8] {
        message("E", [UInt8(ascii: "S")] + cString(severity) + [UInt8(ascii: "V")] + cString(severity)
            + [UInt8(ascii: "C")] + cString(code) + [UInt8(ascii: "M")] + cString(text) + [0])
    }
}
