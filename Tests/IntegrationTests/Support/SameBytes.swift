import Foundation
import Testing

/// Expects `actual` to be `expected` byte for byte, for output compared with another program's (psql's).
///
/// Not `String ==`: Swift compares strings by canonical equivalence, so `"e\u{301}" == "\u{E9}"` holds
/// and a bug that normalised text would pass. On failure the comment names the first differing offset.
func expectSameBytes(
    _ actual: Data, _ expected: Data, _ what: String = "output", sourceLocation: SourceLocation = #_sourceLocation
) {
    let difference = ByteDifference(actual, expected)
    #expect(difference == nil, "\(what): \(difference?.description ?? "")", sourceLocation: sourceLocation)
}

/// Where two byte strings first differ, with the bytes around that place from each.
struct ByteDifference: Equatable, CustomStringConvertible {
    /// The first offset at which the two differ (or the shorter one's length).
    let offset: Int
    let actual: [UInt8]
    let expected: [UInt8]

    /// nil when the two are the same bytes.
    init?(_ actual: Data, _ expected: Data) {
        guard actual != expected else { return nil }
        self.actual = Array(actual)
        self.expected = Array(expected)
        offset = zip(self.actual, self.expected).prefix { $0 == $1 }.count
    }

    var description: String {
        "the bytes differ from offset \(offset) (\(actual.count) bytes against \(expected.count)): "
            + "\(Self.excerpt(actual, at: offset)) against \(Self.excerpt(expected, at: offset))"
    }

    /// Up to 16 bytes from 8 before `offset`, in hex and as text.
    private static func excerpt(_ bytes: [UInt8], at offset: Int) -> String {
        let window = bytes[max(0, offset - 8)..<min(bytes.count, offset + 8)]
        let hex = window.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
        return "[\(hex)] \(String(decoding: window, as: UTF8.self).debugDescription)"
    }
}
