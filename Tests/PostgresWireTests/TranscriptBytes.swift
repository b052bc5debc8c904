/// Builds backend-message byte transcripts by hand for tests, the way a server would frame them.
enum Transcript {
    /// A typed backend message: type byte, big-endian length (including itself), body.
    static func message(_ type: Character, _ body: [UInt8]) -> [UInt8] {
        [type.asciiValue!] + int32(Int32(body.count + 4)) + body
    }

    static func int16(_ value: Int16) -> [UInt8] {
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits >> 8), UInt8(bits & 0xFF)]
    }

    static func int32(_ value: Int32) -> [UInt8] {
        let bits = UInt32(bitPattern: value)
        return [UInt8(bits >> 24), UInt8((bits >> 16) & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8(bits & 0xFF)]
    }

    static func cString(_ value: String) -> [UInt8] { Array(value.utf8) + [0] }

    /// A RowDescription for text columns of the given names and types.
    static func rowDescription(_ columns: [(String, UInt32)], format: Int16 = 0) -> [UInt8] {
        var body = int16(Int16(columns.count))
        for (name, type) in columns {
            body += cString(name) + int32(0) + int16(0) + int32(Int32(bitPattern: type)) + int16(-1) + int32(-1) + int16(format)
        }
        return message("T", body)
    }

    /// A DataRow of text values (nil = NULL).
    static func dataRow(_ values: [String?]) -> [UInt8] {
        var body = int16(Int16(values.count))
        for value in values {
            if let value { body += int32(Int32(value.utf8.count)) + Array(value.utf8) } else { body += int32(-1) }
        }
        return message("D", body)
    }

    static func commandComplete(_ tag: String) -> [UInt8] { message("C", cString(tag)) }
    static func readyForQuery(_ status: Character = "I") -> [UInt8] { message("Z", [status.asciiValue!]) }

    static func error(_ fields: [(Character, String)]) -> [UInt8] {
        message("E", fields.flatMap { [$0.0.asciiValue!] + cString($0.1) } + [0])
    }
}
