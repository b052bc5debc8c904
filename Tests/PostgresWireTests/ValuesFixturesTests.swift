import Testing
@testable import PostgresWire

/// Helpers shared by the value codec tests: byte transcripts written as hex (as captured from a
/// PostgreSQL 15 server with `*_send` functions), decoded or rendered in one call.
enum ValuesFixture {
    /// The bytes of a hex string; spaces are ignored so transcripts can be grouped by field.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.utf8.filter { $0 != UInt8(ascii: " ") }
        precondition(digits.count % 2 == 0, "odd number of hex digits in \(hex)")
        return stride(from: 0, to: digits.count, by: 2).map { index in
            ASCII.hexValue(digits[index])! << 4 | ASCII.hexValue(digits[index + 1])!
        }
    }

    /// Lower-case hex of `bytes`, for comparing encodings with transcripts.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Decodes a binary-format transcript.
    static func binary<T: PostgresDecodable>(_: T.Type, _ hex: String, _ type: PostgresOID) throws -> T {
        try bytes(hex).withUnsafeBytes { try T.decode(from: $0, format: .binary, type: type) }
    }

    /// Decodes a text-format value.
    static func text<T: PostgresDecodable>(_: T.Type, _ text: String, _ type: PostgresOID) throws -> T {
        try Array(text.utf8).withUnsafeBytes { try T.decode(from: $0, format: .text, type: type) }
    }

    /// Renders a binary-format transcript as PostgreSQL's output function would.
    static func render(_ hex: String, _ type: PostgresOID) -> String {
        bytes(hex).withUnsafeBytes { PostgresTextRenderer.render(bytes: $0, format: .binary, type: type) }
    }

    /// The hex of what `value.encode(into:)` appends.
    static func encoded(_ value: some PostgresEncodable) -> String {
        var buffer: [UInt8] = []
        value.encode(into: &buffer)
        return hex(buffer)
    }
}

@Test func fixtureHexRoundTrips() {
    #expect(ValuesFixture.bytes("00 ff 7f") == [0x00, 0xFF, 0x7F])
    #expect(ValuesFixture.hex([0x00, 0xFF, 0x7F]) == "00ff7f")
}
