import Foundation
import Testing
@testable import PostgresWire

@Suite struct DecodingScalarTests {
    // MARK: Integers

    @Test(arguments: [
        ("0005", PostgresTypeOID.int2, Int64(5)), ("8000", PostgresTypeOID.int2, -32768),
        ("7fffffff", PostgresTypeOID.int4, 2_147_483_647), ("ffffffff", PostgresTypeOID.int4, -1),
        ("8000000000000000", PostgresTypeOID.int8, Int64.min), ("00000000000004d2", PostgresTypeOID.int8, 1234),
        ("ffffffff", PostgresTypeOID.oid, 4_294_967_295),
    ] as [(String, PostgresOID, Int64)])
    func integersWidenFromEveryIntegerType(hex: String, type: PostgresOID, expected: Int64) throws {
        #expect(try ValuesFixture.binary(Int64.self, hex, type) == expected)
        #expect(try ValuesFixture.binary(Int.self, hex, type) == Int(expected))
        #expect(try ValuesFixture.text(Int64.self, String(expected), type) == expected)
    }

    @Test func narrowingSucceedsWhenTheValueFits() throws {
        #expect(try ValuesFixture.binary(Int16.self, "00000000000004d2", PostgresTypeOID.int8) == 1234)
        #expect(try ValuesFixture.binary(Int32.self, "fffe", PostgresTypeOID.int2) == -2)
        #expect(try ValuesFixture.binary(UInt32.self, "0000002a", PostgresTypeOID.int4) == 42)
        #expect(try ValuesFixture.text(Int16.self, "-32768", PostgresTypeOID.int4) == -32768)
    }

    @Test(arguments: [
        ("00011170", PostgresTypeOID.int4, "value 70000 does not fit in Int16"),
        ("ffffffff", PostgresTypeOID.oid, "value 4294967295 does not fit in Int16"),
    ] as [(String, PostgresOID, String)])
    func narrowingFailsWhenTheValueDoesNotFit(hex: String, type: PostgresOID, reason: String) {
        let error = #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Int16.self, hex, type) }
        #expect(error?.reason == reason)
        #expect(error?.swiftType == "Int16")
    }

    @Test func negativeValuesDoNotBecomeOIDs() {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(UInt32.self, "ffffffff", PostgresTypeOID.int4) }
    }

    @Test(arguments: [
        ("000000", PostgresTypeOID.int4, 4), ("00", PostgresTypeOID.int2, 2), ("0000000000", PostgresTypeOID.int8, 8),
        ("", PostgresTypeOID.oid, 4),
    ] as [(String, PostgresOID, Int)])
    func malformedLengthsThrowInsteadOfCrashing(hex: String, type: PostgresOID, expected: Int) {
        let got = ValuesFixture.bytes(hex).count
        let error = #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Int64.self, hex, type) }
        #expect(error?.reason == "expected \(expected) bytes, got \(got)")
        #expect(error?.format == .binary)
    }

    @Test func integerTextIsStrict() {
        for bad in ["", "12a", "1.5", "9223372036854775808", "--1", "+"] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text(Int64.self, bad, PostgresTypeOID.int8) }
        }
        #expect((try? ValuesFixture.text(Int64.self, " -9223372036854775808 ", PostgresTypeOID.int8)) == Int64.min)
    }

    @Test func integersRefuseOtherTypesButParseTextLikeOnes() throws {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Int.self, "3ff8000000000000", PostgresTypeOID.float8) }
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.text(Int.self, "1", PostgresTypeOID.numeric) }
        // An untyped literal (`SELECT '42'`) and a text column carry the digits in both formats.
        #expect(try ValuesFixture.text(Int.self, "42", PostgresTypeOID.unknown) == 42)
        #expect(try ValuesFixture.binary(Int.self, "3432", PostgresTypeOID.text) == 42)
        #expect(try ValuesFixture.text(Int.self, "42", 0) == 42)
    }

    // MARK: Bool and "char"

    @Test func booleansInBothFormats() throws {
        #expect(try ValuesFixture.binary(Bool.self, "01", PostgresTypeOID.bool) == true)
        #expect(try ValuesFixture.binary(Bool.self, "00", PostgresTypeOID.bool) == false)
        #expect(try ValuesFixture.text(Bool.self, "t", PostgresTypeOID.bool) == true)
        #expect(try ValuesFixture.text(Bool.self, "f", PostgresTypeOID.bool) == false)
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.text(Bool.self, "yes please", PostgresTypeOID.bool) }
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Bool.self, "0001", PostgresTypeOID.bool) }
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Bool.self, "01", PostgresTypeOID.int2) }
    }

    @Test func charDecodesAsByteAndString() throws {
        #expect(try ValuesFixture.binary(UInt8.self, "c3", PostgresTypeOID.char) == 0xC3)
        #expect(try ValuesFixture.text(UInt8.self, "\\303", PostgresTypeOID.char) == 0xC3)
        #expect(try ValuesFixture.text(UInt8.self, "a", PostgresTypeOID.char) == 0x61)
        #expect(try ValuesFixture.text(UInt8.self, "", PostgresTypeOID.char) == 0)
        #expect(try ValuesFixture.binary(String.self, "61", PostgresTypeOID.char) == "a")
        #expect(try ValuesFixture.binary(UInt8.self, "00ff", PostgresTypeOID.int2) == 255)
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(UInt8.self, "0100", PostgresTypeOID.int2) }
    }

    // MARK: Floating point

    @Test(arguments: [
        ("3ff8000000000000", "1.5", 1.5), ("7ff0000000000000", "Infinity", Double.infinity),
        ("fff0000000000000", "-Infinity", -Double.infinity), ("8000000000000000", "-0", -0.0),
        ("3fd3333333333334", "0.30000000000000004", 0.30000000000000004), ("54b249ad2594c37d", "1e+100", 1e100),
        ("0000000000000001", "5e-324", Double.leastNonzeroMagnitude), ("7fefffffffffffff", "1.7976931348623157e+308", Double.greatestFiniteMagnitude),
    ] as [(String, String, Double)])
    func doublesFromBothFormatsAreBitExact(hex: String, text: String, expected: Double) throws {
        let binary = try ValuesFixture.binary(Double.self, hex, PostgresTypeOID.float8)
        let parsed = try ValuesFixture.text(Double.self, text, PostgresTypeOID.float8)
        #expect(binary.bitPattern == expected.bitPattern)
        #expect(parsed.bitPattern == expected.bitPattern)
    }

    @Test func notANumberInBothFormats() throws {
        #expect(try ValuesFixture.binary(Double.self, "7ff8000000000000", PostgresTypeOID.float8).isNaN)
        #expect(try ValuesFixture.text(Double.self, "NaN", PostgresTypeOID.float8).isNaN)
        #expect(try ValuesFixture.text(Float.self, "NaN", PostgresTypeOID.float4).isNaN)
    }

    @Test func doublesWidenFromFloat4IntegersAndNumeric() throws {
        #expect(try ValuesFixture.binary(Double.self, "3dcccccd", PostgresTypeOID.float4) == Double(Float(0.1)))
        #expect(try ValuesFixture.binary(Double.self, "fffe", PostgresTypeOID.int2) == -2)
        #expect(try ValuesFixture.binary(Double.self, "000200004000000100011388", PostgresTypeOID.numeric) == -1.5)
        #expect(try ValuesFixture.text(Double.self, "12345678.000100", PostgresTypeOID.numeric) == 12_345_678.0001)
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Double.self, "0020000000000001", PostgresTypeOID.int8) }
    }

    @Test func floatsNarrowFromDoubleButNotBeyondTheirRange() throws {
        #expect(try ValuesFixture.binary(Float.self, "3dcccccd", PostgresTypeOID.float4) == Float(0.1))
        #expect(try ValuesFixture.binary(Float.self, "3fb999999999999a", PostgresTypeOID.float8) == Float(0.1))
        #expect(try ValuesFixture.text(Float.self, "3.4028235e+38", PostgresTypeOID.float4) == Float.greatestFiniteMagnitude)
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Float.self, "54b249ad2594c37d", PostgresTypeOID.float8) }
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.text(Float.self, "1e+100", PostgresTypeOID.float8) }
    }

    @Test func floatTextRejectsCOnlySpellings() {
        for bad in ["0x1p3", "1e", "e5", ".", "1.5.2", "1,5", ""] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text(Double.self, bad, PostgresTypeOID.float8) }
        }
    }

    // MARK: Strings

    @Test func stringsDecodeAnyTextAndTextLikeBinary() throws {
        #expect(try ValuesFixture.text(String.self, "2026-11-25", PostgresTypeOID.date) == "2026-11-25")
        #expect(try ValuesFixture.binary(String.self, "c3a9", PostgresTypeOID.text) == "é")
        #expect(try ValuesFixture.binary(String.self, "61202020", PostgresTypeOID.bpchar) == "a   ")
        #expect(try ValuesFixture.binary(String.self, "706f737467726573", PostgresTypeOID.name) == "postgres")
        #expect(try ValuesFixture.binary(String.self, "7b7d", PostgresTypeOID.json) == "{}")
        #expect(try ValuesFixture.binary(String.self, "015b5d", PostgresTypeOID.jsonb) == "[]")
    }

    @Test func stringsRefuseBinaryFormsThatAreNotText() {
        let error = #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(String.self, "00000001", PostgresTypeOID.int4) }
        #expect(error?.description.hasPrefix("cannot decode int4 (OID 23, binary) as String") == true)
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(String.self, "025b5d", PostgresTypeOID.jsonb) }
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(String.self, "", PostgresTypeOID.jsonb) }
    }

    // MARK: UUID

    @Test func uuidsInBothFormats() throws {
        let expected = try #require(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
        #expect(try ValuesFixture.binary(UUID.self, "a0eebc999c0b4ef8bb6d6bb9bd380a11", PostgresTypeOID.uuid) == expected)
        for text in ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}"] {
            #expect(try ValuesFixture.text(UUID.self, text, PostgresTypeOID.uuid) == expected)
        }
    }

    @Test func binaryUUIDsTakeTheDirectLoadAndKeepEveryByteInOrder() throws {
        // Foundation's UUID here is one uuid_t, so binary values are loaded without UUID(uuid:)'s call.
        #expect(UUID.loadsAsUUID)
        let bytes: [UInt8] = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF]
        let decoded = try bytes.withUnsafeBytes { try UUID.decode(from: $0, format: .binary, type: PostgresTypeOID.uuid) }
        #expect(decoded.uuidString == "00112233-4455-6677-8899-AABBCCDDEEFF")
        #expect(withUnsafeBytes(of: decoded.uuid) { Array($0) } == bytes)
    }

    @Test func malformedUUIDsThrow() {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(UUID.self, "a0eebc99", PostgresTypeOID.uuid) }
        for bad in ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text(UUID.self, bad, PostgresTypeOID.uuid) }
        }
    }

    // MARK: bytea

    @Test(arguments: [
        ("\\x", [UInt8]()), ("\\x00ff10", [0x00, 0xFF, 0x10]), ("\\xDEAD beef", [0xDE, 0xAD, 0xBE, 0xEF]),
        ("\\000\\377\\\\A", [0x00, 0xFF, 0x5C, 0x41]), ("\\001abc\\\\", [0x01, 0x61, 0x62, 0x63, 0x5C]), ("abc", [0x61, 0x62, 0x63]),
    ] as [(String, [UInt8])])
    func byteaTextInHexAndEscapeFormats(text: String, expected: [UInt8]) throws {
        #expect(try ValuesFixture.text([UInt8].self, text, PostgresTypeOID.bytea) == expected)
        #expect(try ValuesFixture.text(Data.self, text, PostgresTypeOID.bytea) == Data(expected))
    }

    @Test func byteaBinaryIsTheRawBytes() throws {
        #expect(try ValuesFixture.binary([UInt8].self, "00ff10", PostgresTypeOID.bytea) == [0x00, 0xFF, 0x10])
        #expect(try ValuesFixture.binary([UInt8].self, "", PostgresTypeOID.bytea) == [])
        #expect(try ValuesFixture.binary(Data.self, "deadbeef", PostgresTypeOID.bytea) == Data([0xDE, 0xAD, 0xBE, 0xEF]))
    }

    @Test func malformedByteaTextThrows() {
        for bad in ["\\x0", "\\xzz", "\\8", "a\\"] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text([UInt8].self, bad, PostgresTypeOID.bytea) }
        }
    }

    // MARK: NULL

    @Test func nullIsNilForOptionalsAndAnErrorOtherwise() throws {
        #expect(try Int?.decode(fromNullable: nil, format: .binary, type: PostgresTypeOID.int4) == nil)
        #expect(try String?.decodeNull(type: PostgresTypeOID.text, format: .text) == nil)
        let error = #expect(throws: PostgresDecodingError.self) {
            try Int.decode(fromNullable: nil, format: .binary, type: PostgresTypeOID.int4)
        }
        #expect(error?.reason.hasPrefix("unexpected NULL") == true)
        let value = try ValuesFixture.bytes("0000002a").withUnsafeBytes {
            try Int?.decode(fromNullable: $0, format: .binary, type: PostgresTypeOID.int4)
        }
        #expect(value == 42)
    }
}
