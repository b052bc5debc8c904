import Testing
@testable import PostgresWire

@Suite struct DecodingNumericTests {
    /// `numeric_send` output (digit count, weight, sign, scale, base-10000 digits) and `numeric_out` text,
    /// captured from PostgreSQL 15.
    static let transcripts: [(hex: String, text: String)] = [
        ("0000 0000 0000 0000", "0"), ("0001 0000 0000 0000 0001", "1"), ("0002 0000 4000 0001 0001 1388", "-1.5"),
        ("0003 0001 0000 0006 04d2 162e 0001", "12345678.000100"), ("0001 fffe 0000 0006 0064", "0.000001"),
        ("0000 0000 c000 0000", "NaN"), ("0000 0000 d000 0020", "Infinity"), ("0000 0000 f000 0020", "-Infinity"),
        ("0000 0000 0000 0002", "0.00"), ("0001 ffff 4000 0004 0001", "-0.0001"), ("0001 0001 0000 0000 0001", "10000"),
        ("0002 0000 0000 0004 270f 270f", "9999.9999"), ("0001 fffb 0000 0014 0001", "0.00000000000000000001"),
        ("000b 0007 0000 0009 000c 0d80 1ed2 04d2 162e 2334 0d80 1ed2 04d2 162e 2328",
         "123456789012345678901234567890.123456789"),
        ("0001 ffff 0000 0004 03e8", "0.1000"),
    ]

    @Test(arguments: transcripts)
    func numericsDecodeToTheirCanonicalText(hex: String, text: String) throws {
        let binary = try ValuesFixture.binary(PostgresNumeric.self, hex, PostgresTypeOID.numeric)
        #expect(binary.description == text)
        #expect(try ValuesFixture.text(PostgresNumeric.self, text, PostgresTypeOID.numeric) == binary)
    }

    @Test(arguments: transcripts.filter { !$0.text.hasSuffix("Infinity") })
    func numericsEncodeToTheServersBinaryForm(hex: String, text: String) throws {
        let numeric = try #require(PostgresNumeric(text))
        var buffer: [UInt8] = []
        numeric.encodeBinary(into: &buffer)
        #expect(ValuesFixture.hex(buffer) == hex.replacingOccurrences(of: " ", with: ""))
    }

    @Test func infinitiesEncodeWithTheirSignCodes() {
        var buffer: [UInt8] = []
        PostgresNumeric.infinity.encodeBinary(into: &buffer)
        PostgresNumeric.negativeInfinity.encodeBinary(into: &buffer)
        #expect(ValuesFixture.hex(buffer) == "00000000d000000000000000f0000000")
    }

    @Test(arguments: [
        ("0001 0000 0000 0000", "1 digits need 10 bytes, got 8"), ("0000 0000 1234 0000", "invalid sign field 0x1234"),
        ("0001 0000 0000 0000 2710", "base-10000 digit 10000 out of range"), ("0000 00", "expected at least 8 bytes, got 3"),
        ("ffff 0000 0000 0000", "negative digit count (-1) or scale (0)"),
    ])
    func malformedBinaryNumericsThrow(hex: String, reason: String) {
        let error = #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(PostgresNumeric.self, hex, PostgresTypeOID.numeric) }
        #expect(error?.reason == reason)
    }

    @Test func losslessStringConversionValidatesAndKeepsTheText() {
        #expect(PostgresNumeric("12345678.000100")?.description == "12345678.000100")
        #expect(PostgresNumeric(" -1.5e3 ")?.description == "-1.5e3")
        #expect(PostgresNumeric(".5")?.description == ".5")
        #expect(PostgresNumeric("nan") == .nan)
        #expect(PostgresNumeric("-inf") == .negativeInfinity)
        for bad in ["", "abc", "1.2.3", "1e", "--1", "1,5", "."] {
            #expect(PostgresNumeric(bad) == nil, "\(bad)")
        }
    }

    @Test func exponentsAreEncodedAtTheirScale() {
        var buffer: [UInt8] = []
        PostgresNumeric("1.5e3")!.encodeBinary(into: &buffer)  // 1500, scale 0
        #expect(ValuesFixture.hex(buffer) == "0001000000000000" + "05dc")
        buffer.removeAll()
        PostgresNumeric("-0")!.encodeBinary(into: &buffer)  // zero is never negative
        #expect(ValuesFixture.hex(buffer) == "0000000000000000")
    }

    @Test func doubleValues() {
        #expect(PostgresNumeric("12345678.000100")?.doubleValue == 12_345_678.0001)
        #expect(PostgresNumeric.nan.doubleValue?.isNaN == true)
        #expect(PostgresNumeric.negativeInfinity.doubleValue == -.infinity)
        #expect(PostgresNumeric("1e400")?.doubleValue == nil)
    }

    @Test func integersDecodeAsNumerics() throws {
        #expect(try ValuesFixture.binary(PostgresNumeric.self, "ffffffff", PostgresTypeOID.int4).description == "-1")
        #expect(try ValuesFixture.text(PostgresNumeric.self, "42", PostgresTypeOID.int8).description == "42")
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(PostgresNumeric.self, "3ff8000000000000", PostgresTypeOID.float8) }
    }
}
