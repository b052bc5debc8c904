/// Recognises `TimeZone` values that have one UTC offset at every instant, the only zones in which a
/// client can print `timestamptz` exactly as the server does without the server's time zone database.
///
/// Accepted: UTC and its aliases (`Etc/UTC`, `GMT`, `Zulu`, `UCT`, `Universal`, `Greenwich`, `GMT0`…),
/// `Etc/GMT+N` / `Etc/GMT-N` (POSIX signs: `Etc/GMT+3` is three hours west), and POSIX time zone strings
/// without a daylight-saving part, as PostgreSQL reports a zone set by offset (`SET TIME ZONE INTERVAL
/// '+05:30' HOUR TO MINUTE` reports `<+05:30>-05:30`, `SET TIME ZONE -7` reports `<-07>+07`; `UTC+3` and
/// `EST5` are three and five hours west). Everything
/// else, named zones with a history above all (`Europe/Amsterdam` was +00:19:32 before 1937), is not.
enum FixedTimeZone {
    private static let utcAliases: Set<String> = [
        "UTC", "ETC/UTC", "GMT", "ETC/GMT", "ZULU", "ETC/ZULU", "UCT", "ETC/UCT", "UNIVERSAL", "ETC/UNIVERSAL",
        "GREENWICH", "ETC/GREENWICH", "GMT0", "GMT+0", "GMT-0", "ETC/GMT0", "ETC/GMT+0", "ETC/GMT-0",
    ]

    /// Seconds east of UTC, or nil when the zone is not known to have a single offset.
    static func offset(of name: String) -> Int? {
        let upper = name.uppercased()
        if utcAliases.contains(upper) { return 0 }
        let bytes = Array(upper.utf8)
        if upper.hasPrefix("ETC/GMT"), bytes.count > 8 {
            // Etc/GMT+N is N hours west; the tz database has N in 1…12 west and 1…14 east.
            let digits = bytes[8...]
            guard digits.count <= 2, digits.allSatisfy(ASCII.isDigit),
                  let hours = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
            switch bytes[7] {
            case UInt8(ascii: "+") where hours <= 12: return -hours * 3600
            case UInt8(ascii: "-") where hours <= 14: return hours * 3600
            default: return nil
            }
        }
        return posixOffset(bytes)
    }

    /// `STD offset` with nothing after it: `<+05:30>-05:30`, `UTC+3`, `<-07>+07`, `EST5`, or the offset
    /// alone (`+05:30`, which the server reads as POSIX does). POSIX offsets count west, so the result is
    /// their negation.
    private static func posixOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        if bytes.first == UInt8(ascii: "<") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: ">")), close >= 4 else { return nil }
            let quoted = bytes[1..<close]
            guard quoted.allSatisfy({ isLetter($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") }) else { return nil }
            index = close + 1
        } else {
            while index < bytes.count, isLetter(bytes[index]) { index += 1 }
            // No abbreviation at all (`+05:30`) is accepted too, as an offset alone; a short one is not.
            guard index == 0 || index >= 3 else { return nil }
        }
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var parts: [Int] = []
        while parts.count < 3 {
            let start = index
            while index < bytes.count, ASCII.isDigit(bytes[index]), index - start < 2 { index += 1 }
            guard index > start else { return nil }
            parts.append(Int(String(decoding: bytes[start..<index], as: UTF8.self))!)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { break }
            index += 1
        }
        // Anything after the offset (a daylight-saving abbreviation or rule) means the offset changes.
        guard index == bytes.count, parts[0] <= 24, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        let west = parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        return negative ? west : -west
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
