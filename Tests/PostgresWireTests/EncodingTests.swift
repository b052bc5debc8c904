import Foundation
import Testing
@testable import PostgresWire

@Suite struct EncodingTests {
    @Test func scalarsEncodeTheirBinaryForms() throws {
        #expect(ValuesFixture.encoded(true) == "01")
        #expect(ValuesFixture.encoded(false) == "00")
        #expect(ValuesFixture.encoded(Int16(-2)) == "fffe")
        #expect(ValuesFixture.encoded(Int32(70000)) == "00011170")
        #expect(ValuesFixture.encoded(Int64.min) == "8000000000000000")
        #expect(ValuesFixture.encoded(1234) == "00000000000004d2")
        #expect(ValuesFixture.encoded(UInt32.max) == "ffffffff")
        #expect(ValuesFixture.encoded(UInt8(0x61)) == "61")
        #expect(ValuesFixture.encoded(1.5) == "3ff8000000000000")
        #expect(ValuesFixture.encoded(Float(0.1)) == "3dcccccd")
        #expect(ValuesFixture.encoded(Double.nan) == "7ff8000000000000")
        #expect(ValuesFixture.encoded(try #require(UUID(uuidString: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))) == "a0eebc999c0b4ef8bb6d6bb9bd380a11")
        #expect(ValuesFixture.encoded([UInt8]([0x00, 0xFF])) == "00ff")
        #expect(ValuesFixture.encoded(Data([0xDE, 0xAD])) == "dead")
        #expect(ValuesFixture.encoded("é") == "c3a9")
        #expect(ValuesFixture.encoded(PostgresNumeric("12345678.000100")!) == ValuesFixture.hex(Array("12345678.000100".utf8)))
        #expect(ValuesFixture.encoded(PostgresJSON("{\"a\":1}")) == ValuesFixture.hex(Array("{\"a\":1}".utf8)))
    }

    @Test func temporalValuesEncodeTheServersLayouts() {
        #expect(ValuesFixture.encoded(Date(timeIntervalSince1970: 946_684_800)) == "0000000000000000")
        #expect(ValuesFixture.encoded(Date(timeIntervalSince1970: 0)) == "fffca2fec4c82000")
        #expect(ValuesFixture.encoded(Date.distantFuture) == "7fffffffffffffff")
        #expect(ValuesFixture.encoded(Date.distantPast) == "8000000000000000")
        #expect(ValuesFixture.encoded(PostgresTimestamp(microsecondsSince2000: 848_932_188_123_456)) == "000304196d82f140")
        #expect(ValuesFixture.encoded(PostgresDate(daysSince2000: 9825)) == "00002661")
        #expect(ValuesFixture.encoded(PostgresInterval(months: 14, days: 3, microseconds: 14_706_789_000)) == "000000036c97ca88000000030000000e")
    }

    @Test func typesAndFormatsForParseAndBind() {
        let expected: [(any PostgresEncodable, PostgresOID, PostgresFormat)] = [
            (true, PostgresTypeOID.bool, .binary), (Int16(1), PostgresTypeOID.int2, .binary), (Int32(1), PostgresTypeOID.int4, .binary),
            (Int64(1), PostgresTypeOID.int8, .binary), (1, PostgresTypeOID.int8, .binary), (UInt32(1), PostgresTypeOID.oid, .binary),
            (Float(1), PostgresTypeOID.float4, .binary), (1.0, PostgresTypeOID.float8, .binary), ("a", 0, .text),
            (UUID(), PostgresTypeOID.uuid, .binary), ([UInt8](), PostgresTypeOID.bytea, .binary), (Data(), PostgresTypeOID.bytea, .binary),
            (Date(), PostgresTypeOID.timestamptz, .binary), (PostgresNumeric.nan, PostgresTypeOID.numeric, .text),
            (PostgresJSON("1"), PostgresTypeOID.json, .text), (PostgresDate.infinity, PostgresTypeOID.date, .binary),
            (PostgresInterval(), PostgresTypeOID.interval, .binary), (PostgresTimestamp.infinity, 0, .binary),
            ([Int32](), PostgresTypeOID.int4Array, .binary), (["a"], PostgresTypeOID.textArray, .binary),
            ([Date()], PostgresTypeOID.timestamptzArray, .binary), ([PostgresTimestamp.infinity], PostgresTypeOID.timestamptzArray, .binary),
            (Int?.none, PostgresTypeOID.int8, .binary), ([String?](), PostgresTypeOID.textArray, .binary),
        ]
        for (value, type, format) in expected {
            #expect(value.postgresParameterType == type, "\(value)")
            #expect(value.postgresFormat == format, "\(value)")
        }
    }

    @Test func nullParametersHaveNoBytes() {
        let missing: Int? = nil
        #expect(missing.postgresParameterBytes() == nil)
        #expect(Optional(Int32(7)).postgresParameterBytes() == [0, 0, 0, 7])
        #expect(5.postgresParameterBytes() == [0, 0, 0, 0, 0, 0, 0, 5])
    }

    @Test func arraysEncodeTheBinaryArrayFormat() {
        #expect(ValuesFixture.encoded([Int32(1), 2]) == "00000001" + "00000000" + "00000017" + "00000002" + "00000001"
            + "00000004" + "00000001" + "00000004" + "00000002")
        #expect(ValuesFixture.encoded([Int32]()) == "00000000" + "00000000" + "00000017")
        #expect(ValuesFixture.encoded(["a b", nil, "c"] as [String?]) == "00000001" + "00000001" + "00000019" + "00000003" + "00000001"
            + "00000003" + "612062" + "ffffffff" + "00000001" + "63")
        // Numerics travel as text on their own but need their binary form inside a binary array.
        #expect(ValuesFixture.encoded([PostgresNumeric("1.50")!, .nan, PostgresNumeric("-0.001")!]) == "00000001" + "00000000"
            + "000006a4" + "00000003" + "00000001" + "0000000c" + "000200000000000200011388" + "00000008" + "00000000c0000000"
            + "0000000a" + "0001ffff40000003000a")
    }

    @Test func encodedValuesDecodeBackToThemselves() throws {
        func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(_ value: T) throws -> T {
            var buffer: [UInt8] = []
            value.encode(into: &buffer)
            let type = T.postgresType == 0 ? PostgresTypeOID.text : T.postgresType
            return try buffer.withUnsafeBytes { try T.decode(from: $0, format: value.postgresFormat, type: type) }
        }
        #expect(try roundTrip(Int16.min) == Int16.min)
        #expect(try roundTrip(-7) == -7)
        #expect(try roundTrip(Double.pi) == Double.pi)
        #expect(try roundTrip("grüße") == "grüße")
        #expect(try roundTrip([Int64(1), 2, 3]) == [1, 2, 3])
        #expect(try roundTrip(["x", "y z"]) == ["x", "y z"])
        #expect(try roundTrip([UInt8]([1, 2, 3])) == [1, 2, 3])
        #expect(try roundTrip(PostgresNumeric("-12.340")!) == PostgresNumeric("-12.340")!)
        #expect(try roundTrip(PostgresInterval(months: -1, days: 2, microseconds: -3)) == PostgresInterval(months: -1, days: 2, microseconds: -3))
        #expect(try roundTrip(PostgresDate(year: 1999, month: 12, day: 31)!) == PostgresDate(year: 1999, month: 12, day: 31)!)
        #expect(try roundTrip([Int?.none, 4]) == [nil, 4])
        let instant = Date(timeIntervalSince1970: 1_795_616_988.5)
        #expect(try roundTrip(instant) == instant)
    }

    @Test func jsonWrapsEncodableValues() throws {
        struct Payload: Codable, Equatable { var name: String }
        let json = try PostgresJSON(encoding: Payload(name: "pg"))
        #expect(json.text == "{\"name\":\"pg\"}")
        #expect(try json.decode(as: Payload.self) == Payload(name: "pg"))
        #expect(try ValuesFixture.binary(PostgresJSON.self, "01" + ValuesFixture.hex(Array("[1, 2]".utf8)), PostgresTypeOID.jsonb).text == "[1, 2]")
        #expect(try ValuesFixture.text(PostgresJSON.self, "{\"a\": 1}", PostgresTypeOID.jsonb).text == "{\"a\": 1}")
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(PostgresJSON.self, "00000001", PostgresTypeOID.int4) }
    }
}
