import Foundation
import Testing
@testable import PGCatalog
@testable import PGJSON

/// The canonical writer against Foundation's `JSONEncoder` with the same options, byte for byte.
@Suite struct JSONWriterTests {
    static func foundation(_ value: some Encodable, style: CanonicalJSONWriter.Style) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = style == .pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func written(_ value: JSONValue, style: CanonicalJSONWriter.Style) throws -> [UInt8] {
        try CanonicalJSONWriter.bytes(of: value, style: style)
    }

    @Test func snapshotBytesAreJSONEncoders() throws {
        for snapshot in try JSONFixtures.snapshots() {
            var expected = try Self.foundation(snapshot, style: .pretty)
            expected.append(UInt8(ascii: "\n"))
            #expect(Array(try snapshot.encodedJSON()) == expected)
            #expect(try Self.written(JSONValue(encoding: snapshot), style: .compact) == Self.foundation(snapshot, style: .compact))
        }
    }

    /// Large snapshots have their tables written in two parts on two threads and spliced in: the same bytes
    /// on both sides of the threshold, and with table names that sort around the other top-level keys.
    @Test(arguments: [Snapshot.tablesWrittenInParallel - 1, Snapshot.tablesWrittenInParallel, Snapshot.tablesWrittenInParallel + 1, 777])
    func snapshotsWrittenInPartsAreJSONEncodersBytes(tables: Int) throws {
        var snapshot = SyntheticSnapshots.make(seed: UInt64(tables), tables: tables)
        snapshot.tables["\"odd\".\"ta,ble\"\n"] = snapshot.tables.values.first
        var expected = try Self.foundation(snapshot, style: .pretty)
        expected.append(UInt8(ascii: "\n"))
        #expect(Array(try snapshot.encodedJSON()) == expected)
    }

    @Test func fixtureFilesReencodeToTheirOwnBytes() throws {
        for data in try JSONFixtures.snapshotData() {
            #expect(try Snapshot.decode(from: data).encodedJSON() == data)
        }
    }

    static let trickyStrings: [String] = [
        "", "plain", "a/b//c", "\"", "\\", "\\\"", "\u{0}", "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}", "\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{E}\u{F}",
        "\u{10}\u{11}\u{1A}\u{1B}\u{1F}", " ~\u{7F}", "\u{80}\u{9F}\u{A0}", "\u{2028}\u{2029}", "café", "cafe\u{301}", "\u{FEFF}bom",
        "日本語テキスト", "🧪🇨🇭👩‍👩‍👧", "\u{10FFFF}", "mixed \"quote\" and \\ and \n and /", String(repeating: "x\u{1}", count: 100),
    ]

    @Test(arguments: trickyStrings)
    func stringsAreEscapedAsJSONEncoderEscapesThem(_ text: String) throws {
        for style in [CanonicalJSONWriter.Style.pretty, .compact] {
            #expect(try Self.written(.string(text), style: style) == Self.foundation(text, style: style))
            #expect(try Self.written(.array([.string(text)]), style: style) == Self.foundation([text], style: style))
            #expect(try Self.written(.object([text: .string(text)]), style: style) == Self.foundation([text: text], style: style))
        }
    }

    /// Foundation sorts keys by their UTF-8 bytes: case, prefixes, digits, punctuation, non-ASCII.
    @Test func keysAreSortedAsJSONEncoderSortsThem() throws {
        let keys = [
            "a", "A", "b", "B", "a_b", "ab", "a-b", "a.b", "a b", "a10", "a9", "a2", "", " ", "_", "~", "Z", "z", "é", "e\u{301}x", "ä", "Ä",
            "\u{2028}", "日", "🧪", "\u{7F}", "\u{0}", "a\u{0}", "aa", "aB", "aA", "Ab", "10", "9", "1e2", "-1",
        ]
        let members = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, JSONValue.integer(Int64($0.offset))) })
        let plain = members.mapValues { $0.integerValue ?? 0 }
        for style in [CanonicalJSONWriter.Style.pretty, .compact] {
            #expect(try Self.written(.object(members), style: style) == Self.foundation(plain, style: style))
        }
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        let integers: [Int64] = [0, 1, -1, 9, 10, 42, Int64.max, Int64.min, 9_007_199_254_740_993]
        let doubles: [Double] = [0, -0.0, 0.1, 1.5, -2.25, 1e15, 1e16, 1e20, 1e-7, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 123_456.789]
        for style in [CanonicalJSONWriter.Style.pretty, .compact] {
            #expect(try Self.written(.array(integers.map(JSONValue.integer)), style: style) == Self.foundation(integers, style: style))
            #expect(try Self.written(.array(doubles.map(JSONValue.number)), style: style) == Self.foundation(doubles, style: style))
        }
    }

    @Test func emptyAndNestedContainersAreLaidOutAsJSONEncoderLaysThemOut() throws {
        let value: JSONValue = .object([
            "emptyObject": .object([:]), "emptyArray": .array([]), "nested": .array([.array([]), .object([:]), .array([.object(["k": .null])])]),
            "scalars": .array([.null, .bool(true), .bool(false)]),
        ])
        for style in [CanonicalJSONWriter.Style.pretty, .compact] {
            #expect(try Self.written(value, style: style) == Self.foundation(value, style: style))
            #expect(try Self.written(.array([]), style: style) == Self.foundation(value.arrayValue ?? [], style: style))
        }
    }

    /// Property-style: random trees (seeded) write as `JSONEncoder` writes the same `JSONValue`.
    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func randomTreesWriteAsJSONEncoderWritesThem(seed: UInt64) throws {
        var random = JSONTestRandom(seed: seed)
        let tree = Self.randomTree(&random, depth: 0)
        for style in [CanonicalJSONWriter.Style.pretty, .compact] {
            #expect(try Self.written(tree, style: style) == Self.foundation(tree, style: style), "seed \(seed)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(tree.compactText == String(decoding: try encoder.encode(tree), as: UTF8.self), "seed \(seed)")
    }

    @Test func whatJSONEncoderRefusesTheWriterRefuses() throws {
        for value in [JSONValue.number(.nan), .array([.number(.infinity)]), .object(["k": .number(-.infinity)])] {
            #expect(throws: CanonicalJSONWriter.Unwritable.self) { try Self.written(value, style: .compact) }
            #expect(throws: EncodingError.self) { try Self.foundation(value, style: .compact) }
            #expect(value.compactText == String(describing: value))
        }
        let deep = (1..<512).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }
        #expect(throws: CanonicalJSONWriter.Unwritable.self) { try Self.written(deep, style: .pretty) }
        #expect(throws: EncodingError.self) { try Self.foundation(deep, style: .pretty) }
        let shallower = (1..<511).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }
        #expect(try Self.written(shallower, style: .compact) == Self.foundation(shallower, style: .compact))
    }

    static func randomTree(_ random: inout JSONTestRandom, depth: Int) -> JSONValue {
        let scalarsOnly = depth >= 4
        switch random.next(below: scalarsOnly ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.bool())
        case 2: return .integer(random.pick([0, 1, -1, 42, Int64.max, Int64.min, Int64(bitPattern: random.next())]))
        case 3:
            let double = random.pick([0.5, -0.0, 1.0, 1e16, 3.14159, 1e-300, 6.02214076e23, Double(bitPattern: random.next() >> 2)])
            return .number(double.isFinite ? double : 0.25)
        case 4: return .string(random.pick(trickyStrings))
        case 5: return .array((0..<random.next(below: 5)).map { _ in randomTree(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.next(below: 6) {
                members[random.pick(trickyStrings + ["a", "b", "A", "a_b", "ab"])] = randomTree(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }
}
