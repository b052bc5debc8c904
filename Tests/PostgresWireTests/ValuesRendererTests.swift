import Testing
@testable import PostgresWire

@Suite struct ValuesRendererTests {
    /// Binary transcripts and the text PostgreSQL 15 prints for the same value (`TimeZone = UTC`).
    static let transcripts: [(hex: String, type: PostgresOID, text: String)] = [
        ("01", PostgresTypeOID.bool, "t"), ("00", PostgresTypeOID.bool, "f"),
        ("8000", PostgresTypeOID.int2, "-32768"), ("7fffffff", PostgresTypeOID.int4, "2147483647"),
        ("8000000000000000", PostgresTypeOID.int8, "-9223372036854775808"), ("ffffffff", PostgresTypeOID.oid, "4294967295"),
        ("3ff8000000000000", PostgresTypeOID.float8, "1.5"), ("8000000000000000", PostgresTypeOID.float8, "-0"),
        ("7ff8000000000000", PostgresTypeOID.float8, "NaN"), ("fff0000000000000", PostgresTypeOID.float8, "-Infinity"),
        ("430c6bf526340000", PostgresTypeOID.float8, "1e+15"), ("42d6bcc41e900000", PostgresTypeOID.float8, "100000000000000"),
        ("3ee4f8b588e368f1", PostgresTypeOID.float8, "1e-05"), ("3f1a36e2eb1c432d", PostgresTypeOID.float8, "0.0001"),
        ("3fd3333333333334", PostgresTypeOID.float8, "0.30000000000000004"), ("54b249ad2594c37d", PostgresTypeOID.float8, "1e+100"),
        // Halfway points: PostgreSQL's Ryu prints one digit more than the strictly shortest form here.
        ("c35f49eddae6f6e4", PostgresTypeOID.float8, "-3.5228040826706832e+16"),
        ("4364699b42abb708", PostgresTypeOID.float8, "4.5964920748881984e+16"),
        ("cc0784ec", PostgresTypeOID.float4, "-3.5525552e+07"), ("4c1d18d8", PostgresTypeOID.float4, "4.1182048e+07"),
        ("47f12000", PostgresTypeOID.float4, "123456"), ("4996b438", PostgresTypeOID.float4, "1.234567e+06"),
        ("3dcccccd", PostgresTypeOID.float4, "0.1"), ("7f7fffff", PostgresTypeOID.float4, "3.4028235e+38"),
        ("00000001", PostgresTypeOID.float4, "1e-45"), ("7f800000", PostgresTypeOID.float4, "Infinity"),
        ("0002 0000 4000 0001 0001 1388", PostgresTypeOID.numeric, "-1.5"), ("0000 0000 d000 0020", PostgresTypeOID.numeric, "Infinity"),
        ("c3a9", PostgresTypeOID.text, "é"), ("61", PostgresTypeOID.char, "a"), ("c3", PostgresTypeOID.char, "\\303"),
        ("017b2261223a2022782079227d", PostgresTypeOID.jsonb, "{\"a\": \"x y\"}"), ("7b7d", PostgresTypeOID.json, "{}"),
        ("", PostgresTypeOID.bytea, "\\x"), ("00ff10", PostgresTypeOID.bytea, "\\x00ff10"),
        ("a0eebc999c0b4ef8bb6d6bb9bd380a11", PostgresTypeOID.uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        ("00002661", PostgresTypeOID.date, "2026-11-25"), ("fff4da8b", PostgresTypeOID.date, "0001-01-01 BC"),
        ("0000000a8be4ca60", PostgresTypeOID.time, "12:34:56.7"), ("000000141dd76000", PostgresTypeOID.time, "24:00:00"),
        ("000304196d82f140", PostgresTypeOID.timestamptz, "2026-11-25 14:29:48.123456+00"),
        ("fd0f7fbdaf17e000", PostgresTypeOID.timestamptz, "4713-01-01 00:00:00+00 BC"),
        ("7fffffffffffffff", PostgresTypeOID.timestamptz, "infinity"),
        ("fff4ce915caea001", PostgresTypeOID.timestamp, "1900-03-01 00:00:00.000001"),
        ("00000001ad274800ffffffff00000000", PostgresTypeOID.interval, "-1 days +02:00:00"),
    ]

    @Test(arguments: transcripts)
    func binaryValuesRenderAsTheServerPrintsThem(hex: String, type: PostgresOID, text: String) {
        #expect(ValuesFixture.render(hex, type) == text)
    }

    /// `array_send` transcripts and `array_out` text.
    static let arrays: [(hex: String, type: PostgresOID, text: String)] = [
        ("00000001 00000001 00000017 00000003 00000001 00000004 00000001 ffffffff 00000004 00000003", PostgresTypeOID.int4Array, "{1,NULL,3}"),
        ("00000001 00000000 00000019 00000002 00000001 00000003 612062 00000001 63", PostgresTypeOID.textArray, "{\"a b\",c}"),
        ("00000000 00000000 00000017", PostgresTypeOID.int4Array, "{}"),
        ("00000001 00000000 00000017 00000003 00000000 00000004 00000007 00000004 00000008 00000004 00000009", PostgresTypeOID.int4Array, "[0:2]={7,8,9}"),
        ("00000002 00000000 00000017 00000002 00000001 00000002 00000001 00000004 00000001 00000004 00000002 00000004 00000003 00000004 00000004",
         PostgresTypeOID.int4Array, "{{1,2},{3,4}}"),
        ("00000001 00000001 00000019 0000000b 00000001 00000000 00000004 4e554c4c ffffffff 00000004 6e756c6c 00000003 712275"
            + " 0000000a 6261636b5c736c617368 00000003 7b787d 00000003 612c62 00000005 7461620978 00000002 c3a9 00000005 706c61696e",
         PostgresTypeOID.textArray, "{\"\",\"NULL\",NULL,\"null\",\"q\\\"u\",\"back\\\\slash\",\"{x}\",\"a,b\",\"tab\tx\",é,plain}"),
        ("00000001 00000001 000004a0 00000003 00000001 00000008 000304196d82f140 00000008 7fffffffffffffff ffffffff",
         PostgresTypeOID.timestamptzArray, "{\"2026-11-25 14:29:48.123456+00\",infinity,NULL}"),
        ("00000001 00000001 00000011 00000003 00000001 00000001 01 ffffffff 00000000", PostgresTypeOID.byteaArray, "{\"\\\\x01\",NULL,\"\\\\x\"}"),
        ("00000001 00000000 000002bd 00000005 00000001 00000008 3ff8000000000000 00000008 7ff8000000000000 00000008 fff0000000000000"
            + " 00000008 54b249ad2594c37d 00000008 8000000000000000", PostgresTypeOID.float8Array, "{1.5,NaN,-Infinity,1e+100,-0}"),
        ("00000001 00000001 00000010 00000003 00000001 00000001 01 00000001 00 ffffffff", PostgresTypeOID.boolArray, "{t,f,NULL}"),
        ("00000001 00000000 000004a2 00000002 00000001 00000010 00000000000000000000000100000000 00000010 fffffffffff0bdc00000000000000000",
         PostgresTypeOID.intervalArray, "{\"1 day\",-00:00:01}"),
        ("00000001 00000000 00000eda 00000002 00000001 00000009 017b2261223a20317d 00000007 015b312c20325d",
         PostgresTypeOID.jsonbArray, "{\"{\\\"a\\\": 1}\",\"[1, 2]\"}"),
        ("00000001 00000000 00000012 00000003 00000001 00000001 61 00000001 22 00000001 20", PostgresTypeOID.charArray, "{a,\"\\\"\",\" \"}"),
    ]

    @Test(arguments: arrays)
    func binaryArraysRenderWithArrayOutQuoting(hex: String, type: PostgresOID, text: String) {
        #expect(ValuesFixture.render(hex, type) == text)
    }

    @Test func textFormatValuesArePassedThrough() {
        let text = Array("{1,NULL,3}".utf8)
        #expect(text.withUnsafeBytes { PostgresTextRenderer.render(bytes: $0, format: .text, type: PostgresTypeOID.int4Array) } == "{1,NULL,3}")
    }

    @Test func unknownOrMalformedBinaryValuesRenderAsHex() {
        #expect(ValuesFixture.render("0102ff", 600) == "\\x0102ff")
        #expect(ValuesFixture.render("000001", PostgresTypeOID.int4) == "\\x000001")
        #expect(ValuesFixture.render("00000001 00000000 00000017 00000002", PostgresTypeOID.int4Array) == "\\x000000010000000000000017" + "00000002")
        #expect(ValuesFixture.render("0001 0000 0000 0000", PostgresTypeOID.numeric) == "\\x0001000000000000")
    }
}
