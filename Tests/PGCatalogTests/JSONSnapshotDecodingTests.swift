import Foundation
import Testing
@testable import PGCatalog
@testable import PGJSON

/// `Snapshot.decode` reads through `JSONParser` and `JSONTapeDecoder` and falls back to `JSONDecoder` for
/// anything else. Held against the Foundation path alone (`decodeWithFoundation`): same snapshot or same
/// error, for good files, edge cases and thousands of damaged files.
@Suite struct JSONSnapshotDecodingTests {
    /// The outcome of a decode, comparable.
    enum Outcome: Equatable, CustomStringConvertible {
        case snapshot(Snapshot)
        case error(SnapshotDecodingError)
        case other(String)

        init(_ body: () throws -> Snapshot) {
            do { self = .snapshot(try body()) } catch let error as SnapshotDecodingError { self = .error(error) } catch { self = .other("\(error)") }
        }

        var description: String {
            switch self {
            case .snapshot: return "a snapshot"
            case .error(let error): return error.description
            case .other(let text): return text
            }
        }
    }

    static func expectSameOutcome(_ data: Data, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let decoded = Outcome { try Snapshot.decode(from: data) }
        let reference = Outcome { try Snapshot.decodeWithFoundation(from: data) }
        #expect(decoded == reference, comment, sourceLocation: sourceLocation)
        if let fast = Snapshot.decodeStrictly(from: data) {
            #expect(reference == .snapshot(fast), "the fast path accepted what Foundation reads differently", sourceLocation: sourceLocation)
        }
    }

    @Test func goodSnapshotsTakeTheFastPathAndDecodeAsFoundationDoes() throws {
        for snapshot in try JSONFixtures.snapshots() {
            let data = try snapshot.encodedJSON()
            #expect(Snapshot.decodeStrictly(from: data) == snapshot)
            Self.expectSameOutcome(data)
        }
        for data in try JSONFixtures.snapshotData() {
            #expect(Snapshot.decodeStrictly(from: data) != nil)
            Self.expectSameOutcome(data)
        }
    }

    static let base = #"{"formatVersion": 1, "meta": {"capturedAt": "x", "serverVersion": "15", "serverVersionNumber": 150000, "database": "d", "host": "h", "port": 5432, "scope": {"includesSystemSchemas": false, "includesExtensionObjects": false}}, "schemas": {}, "extensions": {}, "tables": {}, "views": {}, "materializedViews": {}, "indexes": {}, "sequences": {}, "functions": {}, "triggers": {}, "enums": {}, "domains": {}, "compositeTypes": {}"#

    /// A small snapshot with `extra` added as members of its top level.
    static func document(_ extra: String) -> String { base + (extra.isEmpty ? "" : ", " + extra) + "}" }

    static let schema = #""schemas": {"s": {"name": NAME, "owner": "o"}}"#

    /// Edge cases of JSON text and of snapshot content: each decodes to what Foundation decodes it to
    /// (or fails with the same error), whichever path reads it.
    static let edgeCases: [(label: String, text: String)] = [
        ("escapes", document(schema.replacingOccurrences(of: "NAME", with: #""\u00e9\/\"\\\b\f\n\r\t\u0000\uD83E\uDDEA""#)).replacingOccurrences(of: #""schemas": {}, "#, with: "")),
        ("lone high surrogate", document(schema.replacingOccurrences(of: "NAME", with: #""\uD83E""#)).replacingOccurrences(of: #""schemas": {}, "#, with: "")),
        ("lone low surrogate", document(schema.replacingOccurrences(of: "NAME", with: #""\uDC00x""#)).replacingOccurrences(of: #""schemas": {}, "#, with: "")),
        ("raw control character", document("").replacingOccurrences(of: #""d""#, with: "\"a\u{1}b\"")),
        ("raw DEL and non-ASCII", document("").replacingOccurrences(of: #""d""#, with: "\"a\u{7F}é日🧪\"")),
        ("invalid UTF-8", document("").replacingOccurrences(of: #""d""#, with: "\"\u{FFFD}\"")),
        ("byte order mark", "\u{FEFF}" + document("")),
        ("whitespace everywhere", " \n\t\r" + document("").replacingOccurrences(of: ": ", with: " \n:\t ").replacingOccurrences(of: ", ", with: " ,\r\n") + " \n"),
        ("unknown members", document(#""future": {"a": [1, 2.5, null, true]}, "more": "x""#)),
        ("explicit nulls for optionals", document("").replacingOccurrences(of: #""includesSystemSchemas""#, with: #""schemas": null, "includesSystemSchemas""#)),
        ("null for a required field", document("").replacingOccurrences(of: #""h""#, with: "null")),
        ("integer written 5432.0", document("").replacingOccurrences(of: "5432", with: "5432.0")),
        ("integer written 5.432e3", document("").replacingOccurrences(of: "5432", with: "5.432e3")),
        ("integer written 1e16", document("").replacingOccurrences(of: "150000", with: "1e16")),
        ("fractional integer", document("").replacingOccurrences(of: "5432", with: "5432.5")),
        ("integer too large", document("").replacingOccurrences(of: "5432", with: "99999999999999999999")),
        ("negative zero", document("").replacingOccurrences(of: "5432", with: "-0")),
        ("leading zero", document("").replacingOccurrences(of: "5432", with: "05432")),
        ("plus sign", document("").replacingOccurrences(of: "5432", with: "+5432")),
        ("underflow", document("").replacingOccurrences(of: "5432", with: "1e-400")),
        ("formatVersion 1.0", document("").replacingOccurrences(of: #""formatVersion": 1"#, with: #""formatVersion": 1.0"#)),
        ("duplicate member", document(#""formatVersion": 1"#)),
        ("duplicate meta", document(#""meta": {}"#)),
        ("duplicate table", document("").replacingOccurrences(of: #""schemas": {}"#, with: #""schemas": {"s": {"name": "a", "owner": "o"}, "s": {"name": "b", "owner": "o"}}"#)),
        ("keys equal after normalization", document("").replacingOccurrences(of: #""schemas": {}"#, with: #""schemas": {"caf\u00e9": {"name": "a", "owner": "o"}, "cafe\u0301": {"name": "b", "owner": "o"}}"#)),
        ("boolean as number", document("").replacingOccurrences(of: #""includesSystemSchemas": false"#, with: #""includesSystemSchemas": 0"#)),
        ("string as number", document("").replacingOccurrences(of: "5432", with: #""5432""#)),
        ("trailing comma", document("").replacingOccurrences(of: #""compositeTypes": {}"#, with: #""compositeTypes": {},"#)),
        ("trailing text", document("") + " x"),
        ("two documents", document("") + document("")),
        ("single quotes", document("").replacingOccurrences(of: #""d""#, with: "'d'")),
        ("True", document("").replacingOccurrences(of: "false", with: "False")),
        ("nested too deep", document(#""deep": "# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600))),
        ("nested deep but allowed", document(#""deep": "# + String(repeating: "[", count: 400) + String(repeating: "]", count: 400))),
        ("top level array", "[" + document("") + "]"),
        ("top level string", #""snapshot""#),
        ("empty", ""),
        ("truncated", String(document("").dropLast(10))),
    ]

    @Test(arguments: edgeCases.map(\.label))
    func edgeCasesDecodeAsFoundationDecodesThem(_ label: String) throws {
        let text = try #require(Self.edgeCases.first { $0.label == label }).text
        var data = Data(text.utf8)
        if label == "invalid UTF-8", let range = data.range(of: Data("\u{FFFD}".utf8)) {
            data.replaceSubrange(range, with: [0xC3, 0x28])
        }
        Self.expectSameOutcome(data, "\(label)")
    }

    /// The escapes case really exercises the fast path (it is not all fallback).
    @Test func theFastPathReadsEscapes() throws {
        let text = try #require(Self.edgeCases.first { $0.label == "escapes" }).text
        let snapshot = try #require(Snapshot.decodeStrictly(from: Data(text.utf8)))
        #expect(snapshot.schemas["s"]?.name == "é/\"\\\u{8}\u{C}\n\r\t\u{0}🧪")
    }

    /// Property-style: damaged copies of a real snapshot (bytes changed, dropped, duplicated, cut),
    /// seeded, decode to the same snapshot or fail with the same error as through Foundation alone.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func damagedFilesFailOrDecodeAsFoundationDecodesThem(seed: UInt64) throws {
        var random = JSONTestRandom(seed: seed)
        let original = Array(try SyntheticSnapshots.make(seed: seed, tables: 3).encodedJSON())
        let alphabet = Array(#"{}[]":,.-+0123456789eEtruefalsn \"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<150 {
            var bytes = original
            for _ in 0...random.next(below: 3) {
                let position = random.next(below: bytes.count)
                switch random.next(below: 4) {
                case 0: bytes[position] = random.pick(alphabet)
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(random.pick(alphabet), at: position)
                default: bytes.replaceSubrange(position..<min(bytes.count, position + random.next(below: 40)), with: [])
                }
            }
            Self.expectSameOutcome(Data(bytes), "seed \(seed)")
        }
    }

    /// The parser alone: JSON written by Foundation reads back as `JSONDecoder` reads it into a `JSONValue`.
    @Test(arguments: 1...30 as ClosedRange<UInt64>)
    func parsedTreesMatchJSONDecoder(seed: UInt64) throws {
        var random = JSONTestRandom(seed: seed)
        let tree = JSONWriterTests.randomTree(&random, depth: 0)
        for formatting in [[.sortedKeys, .prettyPrinted], []] as [JSONEncoder.OutputFormatting] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            let data = try encoder.encode(tree)
            let parsed = try data.withUnsafeBytes { try JSONParser.parse($0.assumingMemoryBound(to: UInt8.self)).rootValue }
            #expect(Self.asJSONDecoderReadsIt(parsed) == (try JSONDecoder().decode(JSONValue.self, from: data)), "seed \(seed)")
        }
    }

    @Test func parserReadsNumbersExactly() throws {
        func parse(_ text: String) throws -> JSONValue {
            try Array(text.utf8).withUnsafeBufferPointer { try JSONParser.parse($0).rootValue }
        }
        #expect(try parse("9223372036854775807") == .integer(.max))
        #expect(try parse("-9223372036854775808") == .integer(.min))
        #expect(try parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try parse("-0") == .integer(0))
        #expect(try parse("1.0") == .number(1))
        #expect(try parse("25e-1") == .number(2.5))
        #expect(try parse(" [1,\n{\"a\":null}] ") == .array([.integer(1), .object(["a": .null])]))
        for refused in ["", "01", "1.", ".5", "-", "1e", "+1", "NaN", "1e999", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[1] [2]", "nul", "\"\\x\""] {
            #expect(throws: JSONParser.Failure.self, "\(refused)") { try parse(refused) }
        }
    }

    /// The parser keeps a number written with a fraction or an exponent a `Double`; `JSONValue(from:)`
    /// through `JSONDecoder` makes `1e+16` (as Foundation writes 1e16) an integer.
    static func asJSONDecoderReadsIt(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number): return JSONNumberText.valueReadBack(from: JSONNumberText.text(of: number)) ?? value
        case .array(let elements): return .array(elements.map(asJSONDecoderReadsIt))
        case .object(let members): return .object(members.mapValues(asJSONDecoderReadsIt))
        default: return value
        }
    }
}
