import Foundation
import Testing
@testable import PGCatalog
@testable import PGJSON

/// `JSONValue(encoding:)` builds the tree straight from `encode(to:)`; the reference is what it did before:
/// encode with `JSONEncoder`, decode the bytes as a `JSONValue` (`JSONValue.foundationRoundTrip`).
@Suite struct JSONTreeEncoderTests {
    @Test func snapshotsGiveTheRoundTripTree() throws {
        for snapshot in try JSONFixtures.snapshots() {
            #expect(try JSONValue(encoding: snapshot) == JSONValue.foundationRoundTrip(of: snapshot))
        }
    }

    @Test func everyModelObjectGivesTheRoundTripTree() throws {
        let snapshot = SyntheticSnapshots.make(seed: 5, tables: 20)
        func check(_ value: some Encodable) throws {
            #expect(try JSONValue(encoding: value) == JSONValue.foundationRoundTrip(of: value))
        }
        try check(snapshot.meta)
        for table in snapshot.tables.values {
            try check(table)
            for column in table.columns.values { try check(column) }
            for constraint in table.constraints.values { try check(constraint) }
        }
        for index in snapshot.indexes.values { try check(index) }
        for function in snapshot.functions.values { try check(function) }
        try check(snapshot.tables)
        try check(Snapshot.Identity.byDefault)
        try check(Optional<Snapshot.Column>.none)
    }

    /// Numbers become what `JSONDecoder` reads `JSONEncoder`'s text back as.
    @Test(arguments: [
        0.0, -0.0, 1.0, -1.0, 0.1, 1.5, 100_000.0, 1e15, 9_007_199_254_740_992.0, 9_007_199_254_740_994.0, 1e16, 1.2345678901234568e17,
        1_152_921_504_606_846_976.0, 9.223372036854775e18, 9.223372036854776e18, 1e20, 1e300, Double.leastNonzeroMagnitude, 2.2250738585072014e-308,
        -9.223372036854776e18, Double.greatestFiniteMagnitude,
    ])
    func doublesReadBackAsTheRoundTripDoes(_ value: Double) throws {
        #expect(try JSONValue(encoding: value) == JSONValue.foundationRoundTrip(of: value))
        #expect(try JSONValue(encoding: [value]) == JSONValue.foundationRoundTrip(of: [value]))
        #expect(try JSONValue(encoding: ["k": value]) == JSONValue.foundationRoundTrip(of: ["k": value]))
    }

    @Test func otherNumberTypesReadBackAsTheRoundTripDoes() throws {
        let values = Numbers(
            float: 0.1, floats: [1, 16_777_216, 0.3, 3.4e38, -0], int8: .min, uint8: .max, int16: .min, uint16: .max, int32: .min, uint32: .max,
            int: .min, uint: .max, int64: .max, uint64: .max, smallUInt64: 42, decimal: Decimal(string: "3.14159265358979323846")!,
            wholeDecimal: 1200, int128: Int128(Int64.max) * 4, uint128: 7)
        #expect(try JSONValue(encoding: values) == JSONValue.foundationRoundTrip(of: values))
    }

    @Test func foundationSpecialTypesAreWrittenItsWay() throws {
        let values = Specials(
            url: URL(string: "https://example.com/a%20b?q=1")!, data: Data([0, 1, 2, 250]), date: Date(timeIntervalSinceReferenceDate: 12.5),
            urls: [URL(fileURLWithPath: "/tmp/x")])
        #expect(try JSONValue(encoding: values) == JSONValue.foundationRoundTrip(of: values))
    }

    /// Containers asked for twice, nested containers, explicit nil, superEncoder, single values holding
    /// containers, dictionaries with other key types, values that encode nothing, and the coding paths a
    /// custom `encode(to:)` sees (each `Probe` writes its own path, so equal trees mean equal paths).
    @Test func containerRulesAndCodingPathsMatchJSONEncoder() throws {
        let cases: [any Encodable] = [
            ContainerGymnastics(), [ContainerGymnastics(), ContainerGymnastics()], ["k": ContainerGymnastics()],
            [1: "one", 2: "two"] as [Int: String], [Probe(): 1] as [Probe: Int], [Probe?.none, Probe()], ["a": [Probe]()],
            Nothing.wrapped, [Nothing.wrapped], ["x": Nothing.wrapped], SingleWrapper(), ["deep": [["deeper": [Probe()]]]],
        ]
        for value in cases {
            #expect(try JSONValue(encoding: value) == JSONValue.foundationRoundTrip(of: value), "\(type(of: value))")
        }
    }

    @Test func whatARoundTripRefusesIsRefusedTheSameWay() throws {
        let refused: [any Encodable] = [Double.nan, [Double.infinity], ["k": -Float.infinity], Nothing.wrapped.value, Decimal.nan, deepArray(512)]
        for value in refused {
            let direct = try #require(throws: (any Error).self) { try JSONValue(encoding: value) }
            let reference = try #require(throws: (any Error).self) { try JSONValue.foundationRoundTrip(of: value) }
            #expect(String(describing: direct) == String(describing: reference), "\(type(of: value))")
        }
        // One level less still works.
        #expect(try JSONValue(encoding: deepArray(511)) == JSONValue.foundationRoundTrip(of: deepArray(511)))
    }

    @Test func errorsThrownByEncodeToPassThrough() {
        #expect(throws: Refusal.self) { try JSONValue(encoding: ["a": Refusing()]) }
    }

    private func deepArray(_ depth: Int) -> JSONValue {
        (1..<depth).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }
    }
}

private struct Numbers: Encodable {
    let float: Float
    let floats: [Float]
    let int8: Int8, uint8: UInt8, int16: Int16, uint16: UInt16, int32: Int32, uint32: UInt32
    let int: Int, uint: UInt, int64: Int64, uint64: UInt64, smallUInt64: UInt64
    let decimal: Decimal
    let wholeDecimal: Decimal
    let int128: Int128
    let uint128: UInt128
}

private struct Specials: Encodable {
    let url: URL
    let data: Data
    let date: Date
    let urls: [URL]
}

/// Writes its coding path as its value.
private struct Probe: Encodable, Hashable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(encoder.codingPath.map { "\($0.stringValue)#\($0.intValue.map(String.init) ?? "-")" }.joined(separator: "/"))
    }
}

/// Encodes nothing at all.
private struct Nothing: Encodable {
    static let wrapped = Holder(value: Nothing())
    struct Holder: Encodable { let value: Nothing }
    func encode(to encoder: any Encoder) throws {}
}

private struct Refusal: Error {}

private struct Refusing: Encodable {
    func encode(to encoder: any Encoder) throws { throw Refusal() }
}

/// A single value container holding a keyed value, then the same encoder asked for a keyed container.
private struct SingleWrapper: Encodable {
    private enum Keys: String, CodingKey { case extra }
    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(["inner": Probe()])
        var keyed = encoder.container(keyedBy: Keys.self)
        try keyed.encode(Probe(), forKey: .extra)
    }
}

/// Every container rule `JSONEncoder` has, in one value.
private struct ContainerGymnastics: Encodable {
    private enum Keys: String, CodingKey { case a, b, nested, list, again, nils, replaced, sup, subclass }
    private enum Inner: String, CodingKey { case x, y }

    func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: Keys.self)
        try keyed.encode(Probe(), forKey: .a)
        try keyed.encodeNil(forKey: .nils)
        try keyed.encodeIfPresent(Optional<Int>.none, forKey: .b)
        var nested = keyed.nestedContainer(keyedBy: Inner.self, forKey: .nested)
        try nested.encode(Probe(), forKey: .x)
        var nestedAgain = keyed.nestedContainer(keyedBy: Inner.self, forKey: .nested)
        try nestedAgain.encode(2, forKey: .y)
        var list = keyed.nestedUnkeyedContainer(forKey: .list)
        try list.encode(Probe())
        try list.encodeNil()
        var inList = list.nestedContainer(keyedBy: Inner.self)
        try inList.encode(Probe(), forKey: .x)
        var listInList = list.nestedUnkeyedContainer()
        try listInList.encode(Probe())
        let listSuper = list.superEncoder()
        var listSuperContainer = listSuper.singleValueContainer()
        try listSuperContainer.encode("super in list")
        try list.encode(Probe())
        try keyed.encode(["set": 1], forKey: .again)
        var reopened = keyed.nestedContainer(keyedBy: Inner.self, forKey: .again)
        try reopened.encode(Probe(), forKey: .x)
        var replaced = keyed.nestedContainer(keyedBy: Inner.self, forKey: .replaced)
        try replaced.encode(1, forKey: .x)
        try keyed.encode("replaced", forKey: .replaced)
        try Probe().encode(to: keyed.superEncoder())
        try Probe().encode(to: keyed.superEncoder(forKey: .subclass))
        var same = encoder.container(keyedBy: Keys.self)
        try same.encode(Probe(), forKey: .b)
    }
}
