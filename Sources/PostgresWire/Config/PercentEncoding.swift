/// Percent-encoding for connection URIs: decoding as libpq's `conninfo_uri_decode` does, and
/// encoding for the URIs pgcheck prints.
enum PercentEncoding {
    private static let percent = UInt8(ascii: "%")

    /// Replaces every `%XY` with its byte. A `%` not followed by two hex digits, or `%00`, is an
    /// error. `component` names the URI part for the message; a secret part's text is never quoted.
    static func decode<C: Collection>(_ bytes: C, component: String, isSecret: Bool) throws -> [UInt8]
    where C.Element == UInt8 {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            guard input[index] == percent else {
                output.append(input[index])
                index += 1
                continue
            }
            guard index + 2 < input.count, let high = hexValue(input[index + 1]),
                let low = hexValue(input[index + 2])
            else {
                throw ClientError(
                    .configuration, "invalid percent-encoded token in \(quoted(input, component, isSecret))")
            }
            let byte = high << 4 | low
            guard byte != 0 else {
                throw ClientError(.configuration, "forbidden value %00 in \(quoted(input, component, isSecret))")
            }
            output.append(byte)
            index += 3
        }
        return output
    }

    /// Encodes everything but RFC 3986's unreserved characters, which always round-trips
    /// through ``decode(_:component:isSecret:)`` whatever the URI part.
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func quoted(_ bytes: [UInt8], _ component: String, _ isSecret: Bool) -> String {
        isSecret ? "the URI's \(component)" : "URI \(component): \"\(ConnectionStringBytes.string(bytes))\""
    }
}

extension String {
    /// The string with leading zeros added up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
