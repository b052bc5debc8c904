import Foundation
import Testing
@testable import PostgresWire

@Suite struct DecodingArrayTests {
    // `array_send` transcripts from PostgreSQL 15: ndim, has-null flag, element OID, (size, lower bound) per
    // dimension, then int32 length + bytes per element (-1 for NULL).
    static let intsWithNull = "00000001 00000001 00000017 00000003 00000001 00000004 00000001 ffffffff 00000004 00000003"
    static let emptyInts = "00000000 00000000 00000017"
    static let textWithSpace = "00000001 00000000 00000019 00000002 00000001 00000003 612062 00000001 63"
    static let trickyText = "00000001 00000001 00000019 0000000b 00000001 00000000 00000004 4e554c4c ffffffff 00000004 6e756c6c"
        + " 00000003 712275 0000000a 6261636b5c736c617368 00000003 7b787d 00000003 612c62 00000005 7461620978"
        + " 00000002 c3a9 00000005 706c61696e"
    static let trickyStrings: [String?] = ["", "NULL", nil, "null", "q\"u", "back\\slash", "{x}", "a,b", "tab\tx", "é", "plain"]

    @Test func binaryArraysWithNullsDecodeIntoOptionals() throws {
        #expect(try ValuesFixture.binary([Int?].self, Self.intsWithNull, PostgresTypeOID.int4Array) == [1, nil, 3])
        #expect(try ValuesFixture.binary([Int32?].self, Self.intsWithNull, PostgresTypeOID.int4Array) == [1, nil, 3])
    }

    @Test func nullElementsAreRefusedByNonOptionalElements() {
        let error = #expect(throws: PostgresDecodingError.self) {
            try ValuesFixture.binary([Int].self, Self.intsWithNull, PostgresTypeOID.int4Array)
        }
        #expect(error?.postgresType == PostgresTypeOID.int4Array)
        #expect(error?.reason.hasPrefix("element 2: ") == true)
        #expect(error?.reason.contains("unexpected NULL") == true)
    }

    @Test func textArraysWithNullsQuotesAndEscapes() throws {
        #expect(try ValuesFixture.text([Int?].self, "{1,NULL,3}", PostgresTypeOID.int4Array) == [1, nil, 3])
        #expect(try ValuesFixture.text([String].self, "{\"a b\",c}", PostgresTypeOID.textArray) == ["a b", "c"])
        let tricky = "{\"\",\"NULL\",NULL,\"null\",\"q\\\"u\",\"back\\\\slash\",\"{x}\",\"a,b\",\"tab\tx\",é,plain}"
        #expect(try ValuesFixture.text([String?].self, tricky, PostgresTypeOID.textArray) == Self.trickyStrings)
        #expect(try ValuesFixture.binary([String?].self, Self.trickyText, PostgresTypeOID.textArray) == Self.trickyStrings)
    }

    @Test func emptyArraysInBothFormats() throws {
        #expect(try ValuesFixture.binary([Int].self, Self.emptyInts, PostgresTypeOID.int4Array) == [])
        #expect(try ValuesFixture.text([Int].self, "{}", PostgresTypeOID.int4Array) == [])
        #expect(try ValuesFixture.text([String].self, " { } ", PostgresTypeOID.textArray) == [])
    }

    @Test func unquotedElementsTrimSpacesAndHonourBackslashes() throws {
        #expect(try ValuesFixture.text([String].self, "{ a , b\\ ,c\\,d }", PostgresTypeOID.textArray) == ["a", "b ", "c,d"])
    }

    @Test func lowerBoundsOtherThanOneAreAccepted() throws {
        let binary = "00000001 00000000 00000017 00000003 00000000 00000004 00000007 00000004 00000008 00000004 00000009"
        #expect(try ValuesFixture.binary([Int].self, binary, PostgresTypeOID.int4Array) == [7, 8, 9])
        #expect(try ValuesFixture.text([Int].self, "[0:2]={7,8,9}", PostgresTypeOID.int4Array) == [7, 8, 9])
    }

    @Test func multidimensionalArraysAreRefused() {
        let binary = "00000002 00000000 00000017 00000002 00000001 00000002 00000001"
            + " 00000004 00000001 00000004 00000002 00000004 00000003 00000004 00000004"
        let error = #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary([Int].self, binary, PostgresTypeOID.int4Array) }
        #expect(error?.reason.contains("2-dimensional") == true)
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.text([Int].self, "{{1,2},{3,4}}", PostgresTypeOID.int4Array) }
    }

    @Test(arguments: [
        "00000001 00000000 00000017", "00000001 00000000 00000017 00000002 00000001 00000004 00000001",
        "00000001 00000000 00000017 00000001 00000001 00000008 00000001",
        "00000001 00000000 00000017 7fffffff 00000001", "00000001 00000002 00000017 00000000 00000001",
        "00000001 00000000 00000017 00000001 00000001 00000004 00000001 ff", "00000000 00000000 00000017 00",
        "ffffffff 00000000 00000017", "00000001 00000000 00000017 00000001 00000001 fffffffe",
    ])
    func malformedBinaryArraysThrowInsteadOfCrashing(hex: String) {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary([Int?].self, hex, PostgresTypeOID.int4Array) }
    }

    @Test(arguments: ["", "1,2", "{1,2", "{1,,2}", "{1,2}x", "{\"a}", "{a\"b}", "{1}}"])
    func malformedTextArraysThrow(text: String) {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.text([String?].self, text, PostgresTypeOID.textArray) }
    }

    @Test func elementErrorsNameTheElement() {
        let error = #expect(throws: PostgresDecodingError.self) {
            try ValuesFixture.text([Int16].self, "{1,70000}", PostgresTypeOID.int4Array)
        }
        #expect(error?.description.contains("element 2: cannot decode int4 (OID 23, text) as Int16: value 70000 does not fit") == true)
    }

    @Test func elementsOfOtherTypesDecodeThroughTheirOwnCodecs() throws {
        let timestamps = "00000001 00000001 000004a0 00000003 00000001 00000008 000304196d82f140 00000008 7fffffffffffffff ffffffff"
        let dates = try ValuesFixture.binary([Date?].self, timestamps, PostgresTypeOID.timestamptzArray)
        #expect(dates.count == 3 && dates[1] == .distantFuture && dates[2] == nil)
        #expect(abs((dates[0]?.timeIntervalSince1970 ?? 0) - 1_795_616_988.123456) < 1e-6)
        let text = "{\"2026-11-25 14:29:48.123456+00\",infinity,NULL}"
        #expect(try ValuesFixture.text([Date?].self, text, PostgresTypeOID.timestamptzArray) == dates)
        let numerics = "00000001 00000000 000006a4 00000003 00000001 0000000c 000200000000000200011388 00000008 00000000c0000000"
            + " 0000000a 0001ffff40000003000a"
        #expect(try ValuesFixture.binary([PostgresNumeric].self, numerics, PostgresTypeOID.numericArray).map(\.description) == ["1.50", "NaN", "-0.001"])
        #expect(try ValuesFixture.text([UUID].self, "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", PostgresTypeOID.uuidArray)
            == [UUID(uuidString: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")!])
    }

    @Test func byteaArraysAndByteaAsUInt8Array() throws {
        let binary = "00000001 00000001 00000011 00000003 00000001 00000001 01 ffffffff 00000000"
        #expect(try ValuesFixture.binary([[UInt8]?].self, binary, PostgresTypeOID.byteaArray) == [[1], nil, []])
        #expect(try ValuesFixture.text([[UInt8]?].self, "{\"\\\\x01\",NULL,\"\\\\x\"}", PostgresTypeOID.byteaArray) == [[1], nil, []])
        // [UInt8] is bytea for a bytea value, and an array for an array type.
        #expect(try ValuesFixture.binary([UInt8].self, "7b7d", PostgresTypeOID.bytea) == [0x7B, 0x7D])
        let chars = "00000001 00000000 00000012 00000002 00000001 00000001 61 00000001 22"
        #expect(try ValuesFixture.binary([UInt8].self, chars, PostgresTypeOID.charArray) == [0x61, 0x22])
        #expect(try ValuesFixture.text([UInt8].self, "{a,\"\\\"\"}", PostgresTypeOID.charArray) == [0x61, 0x22])
    }
}
