import Testing
@testable import PostgresWire

@Suite struct ValuesOIDTests {
    @Test(arguments: [
        (PostgresTypeOID.bool, PostgresTypeOID.boolArray), (PostgresTypeOID.bytea, 1001), (PostgresTypeOID.char, 1002),
        (PostgresTypeOID.name, 1003), (PostgresTypeOID.int2, 1005), (PostgresTypeOID.int4, 1007),
        (PostgresTypeOID.text, 1009), (PostgresTypeOID.bpchar, 1014), (PostgresTypeOID.varchar, 1015),
        (PostgresTypeOID.int8, 1016), (PostgresTypeOID.float4, 1021), (PostgresTypeOID.float8, 1022),
        (PostgresTypeOID.oid, 1028), (PostgresTypeOID.date, 1182), (PostgresTypeOID.timestamp, 1115),
        (PostgresTypeOID.timestamptz, 1185), (PostgresTypeOID.interval, 1187), (PostgresTypeOID.numeric, 1231),
        (PostgresTypeOID.uuid, 2951), (PostgresTypeOID.json, 199), (PostgresTypeOID.jsonb, 3807),
    ] as [(PostgresOID, PostgresOID)])
    func arrayAndElementOIDsAreInverse(element: PostgresOID, array: PostgresOID) {
        #expect(PostgresTypeOID.arrayOID(forElement: element) == array)
        #expect(PostgresTypeOID.elementOID(forArray: array) == element)
    }

    @Test func wellKnownOIDValues() {
        let expected: [(PostgresOID, PostgresOID)] = [
            (PostgresTypeOID.bool, 16), (PostgresTypeOID.bytea, 17), (PostgresTypeOID.char, 18), (PostgresTypeOID.name, 19),
            (PostgresTypeOID.int8, 20), (PostgresTypeOID.int2, 21), (PostgresTypeOID.int4, 23), (PostgresTypeOID.text, 25),
            (PostgresTypeOID.oid, 26), (PostgresTypeOID.json, 114), (PostgresTypeOID.float4, 700), (PostgresTypeOID.float8, 701),
            (PostgresTypeOID.unknown, 705), (PostgresTypeOID.bpchar, 1042), (PostgresTypeOID.varchar, 1043),
            (PostgresTypeOID.date, 1082), (PostgresTypeOID.time, 1083), (PostgresTypeOID.timestamp, 1114),
            (PostgresTypeOID.timestamptz, 1184), (PostgresTypeOID.interval, 1186), (PostgresTypeOID.numeric, 1700),
            (PostgresTypeOID.uuid, 2950), (PostgresTypeOID.jsonb, 3802),
        ]
        for (constant, value) in expected { #expect(constant == value) }
    }

    @Test func unknownOIDsHaveNoArrayElementOrName() {
        #expect(PostgresTypeOID.arrayOID(forElement: 99_999) == nil)
        #expect(PostgresTypeOID.elementOID(forArray: PostgresTypeOID.int4) == nil)
        #expect(PostgresTypeOID.name(of: 99_999) == nil)
    }

    @Test func namesAreTypnamesWithArraysBracketed() {
        #expect(PostgresTypeOID.name(of: PostgresTypeOID.int4) == "int4")
        #expect(PostgresTypeOID.name(of: PostgresTypeOID.timestamptz) == "timestamptz")
        #expect(PostgresTypeOID.name(of: PostgresTypeOID.textArray) == "text[]")
        #expect(PostgresTypeOID.name(of: PostgresTypeOID.unknown) == "unknown")
    }

    @Test func formatCodesAreTheWireValues() {
        #expect(PostgresFormat.text.rawValue == 0)
        #expect(PostgresFormat.binary.rawValue == 1)
    }

    @Test func decodingErrorNamesSwiftTypePostgresTypeFormatAndReason() {
        let error = PostgresDecodingError(swiftType: "Int16", postgresType: PostgresTypeOID.int4, format: .binary, reason: "value 70000 does not fit in Int16")
        #expect(error.description == "cannot decode int4 (OID 23, binary) as Int16: value 70000 does not fit in Int16")
        let unknown = PostgresDecodingError(swiftType: "String", postgresType: 424_242, format: .text, reason: "x")
        #expect(unknown.description == "cannot decode OID 424242 (text) as String: x")
    }

    @Test func decodingErrorNeverDumpsALargePayload() throws {
        let huge = String(repeating: "z", count: 10_000)
        let error = try #require(throws: PostgresDecodingError.self) {
            try ValuesFixture.text(Int.self, huge, PostgresTypeOID.int8)
        }
        #expect(error.description.count < 200)
        #expect(error.description.contains("10000 bytes"))
    }
}
