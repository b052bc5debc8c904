import Foundation
import Testing
@testable import PGCheck
import PostgresWire

/// The csv sink's word-at-a-time first look must agree, byte for byte, with the exact rules it skips.
@Suite struct CSVFieldScanTests {
    /// The rules `isPlain` stands in for: psql's quoting rule, and no lead byte of a 4-byte UTF-8
    /// sequence (the only place a character psql drops can start).
    private static func reference(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in !CSVSink.needsQuotes(raw) && !raw.contains { $0 >= 0xF0 } }
    }

    private static func isPlain(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { CSVFieldScan.isPlain($0) }
    }

    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n"), 0xF0, 0xF4, 0xF7, 0xFF])
    func aSpecialByteIsFoundAtEveryPositionOfEveryLength(special: UInt8) {
        for length in 1...40 {
            for position in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = special
                #expect(!Self.isPlain(bytes), "length \(length), byte 0x\(String(special, radix: 16)) at \(position)")
            }
        }
    }

    @Test(arguments: [
        "", "a", "plain words", "2025-01-01 00:05:00.000001+00", "e00cf25a-d426-83b3-df67-8c61f42c6bda", "123456.123456",
        "ü and é and 日本", "\\.x", "x\\.", "tab\there", "semi;colon", String(repeating: "z", count: 100),
    ])
    func ordinaryValuesArePlain(value: String) {
        #expect(Self.isPlain(Array(value.utf8)))
        #expect(Self.reference(Array(value.utf8)))
    }

    @Test func theWholeFieldBackslashDotNeedsQuotes() {
        #expect(!Self.isPlain(Array("\\.".utf8)))
    }

    @Test func agreesWithTheExactRulesOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abc ,\"\r\n\\.".utf8) + [0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xEF, 0xF0, 0x9F, 0xBF, 0xBE]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(Self.isPlain(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }

    @Test func longFieldsAreQuotedExactlyAsPsqlQuotesThem() throws {
        let columns = OutputFixture.columns([("doc", PostgresTypeOID.jsonb), ("note", PostgresTypeOID.text)])
        let document = #"{"tier": 1, "region": "us-east-1", "tags": ["a", "b"]}"#
        let note = String(repeating: "long line ", count: 20) + "\nand a second"
        let output = try OutputFixture.render(columns, [[document, note]]) { CSVSink(writer: $0) }
        let quotedDocument = "\"" + document.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(output == "doc,note\n\(quotedDocument),\"\(note)\"\n")
    }

    @Test func outputLargerThanTheBufferArrivesWhole() throws {
        let columns = OutputFixture.columns([("n", PostgresTypeOID.int8), ("t", PostgresTypeOID.text)])
        let rows: [[String?]] = (0..<5_000).map { [String($0), String(repeating: "v", count: $0 % 97)] }
        let output = try OutputFixture.render(columns, rows) { CSVSink(writer: $0) }
        let expected = "n,t\n" + rows.map { "\($0[0]!),\($0[1]!)\n" }.joined()
        #expect(output == expected)
    }
}
