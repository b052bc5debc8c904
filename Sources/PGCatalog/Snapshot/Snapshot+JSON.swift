import Foundation
import PGJSON

extension Snapshot {
    /// The canonical bytes of this snapshot: UTF-8 JSON with sorted keys, pretty-printed, slashes not
    /// escaped, and a trailing newline, so `diff -u pre.json post.json` stays readable and equal
    /// snapshots give equal bytes.
    ///
    /// The bytes are exactly those of `JSONEncoder` with ``PGJSON/CanonicalJSONDocument/encoder()``'s
    /// options (the tests hold the two side by side), written from the snapshot's ``JSONValue`` tree,
    /// which is several times faster.
    public func encodedJSON() throws -> Data {
        if let data = try canonicalBytes() { return data }
        return try CanonicalJSONDocument.data(of: self)
    }

    /// ``encodedJSON()``'s bytes written from the snapshot's tree, or nil when the tree cannot give
    /// `JSONEncoder`'s exact bytes (then `JSONEncoder` writes them).
    private func canonicalBytes() throws -> Data? {
        do {
            // The tables are most of a large snapshot: three fifths of them are made into text on a
            // second thread, table by table, while this one does the other two fifths and everything
            // else (about the same work); the texts are spliced in where their keys fall.
            guard tables.count >= Self.tablesWrittenInParallel else { return try CanonicalJSONDocument.data(of: self) }
            let names = Array(tables.keys)
            let split = names.count * 2 / 5
            var others = self
            others.tables = [:]
            let (rest, (first, othersTree)) = try inParallel({ [tables] in try Self.tableTexts(of: tables, named: names[split...]) }, {
                (try Self.tableTexts(of: tables, named: names[..<split]), try JSONFastPaths.exactTree(of: others))
            })
            guard let rest, let first, let othersTree else { return nil }
            let tableTexts = first.merging(rest) { first, _ in first }
            let placeholders = JSONValue.object(Dictionary(uniqueKeysWithValues: names.map { ($0, JSONValue.null) }))
            let tablesText = try CanonicalJSONWriter.bytes(ofMemberValue: placeholders, level: 1, style: .pretty, rendered: tableTexts)
            return try CanonicalJSONWriter.data(of: othersTree, style: .pretty, trailingNewline: true, rendered: ["tables": tablesText])
        } catch is CanonicalJSONWriter.Unwritable {
            return nil
        }
    }

    /// From this many tables on, ``encodedJSON()`` writes them on a thread of their own (below, a thread
    /// costs more than it saves).
    static let tablesWrittenInParallel = 200

    /// The text of each table named, as a member of the snapshot's `tables`.
    /// Nil when a table's tree cannot give `JSONEncoder`'s exact bytes.
    private static func tableTexts(of tables: [String: Table], named names: ArraySlice<String>) throws -> [String: [UInt8]]? {
        var texts: [String: [UInt8]] = [:]
        texts.reserveCapacity(names.count)
        for name in names {
            guard let table = tables[name] else { continue }
            guard let tree = try JSONFastPaths.exactTree(of: table) else { return nil }
            texts[name] = try CanonicalJSONWriter.bytes(ofMemberValue: tree, level: 2, style: .pretty)
        }
        return texts
    }

    /// Reads a snapshot written by ``encodedJSON()``.
    ///
    /// - Throws: ``SnapshotDecodingError`` saying clearly what is wrong: an empty file, something that is not
    ///   JSON, JSON cut off before its end, JSON that is not a snapshot, a `formatVersion` this library
    ///   does not read, or a snapshot with a missing or malformed field (with its path).
    public static func decode(from data: Data) throws -> Snapshot {
        if let snapshot = decodeStrictly(from: data) { return snapshot }
        return try decodeWithFoundation(from: data)
    }

    /// The fast path of ``decode(from:)`` (``PGJSON/JSONFastPaths/decodeStrictly(_:from:)``), for a well-formed
    /// snapshot of the current version. Nil for anything else, including JSON the parser is stricter
    /// about than `JSONDecoder`, so that ``decodeWithFoundation(from:)`` decides (and words the error).
    static func decodeStrictly(from data: Data) -> Snapshot? {
        guard let snapshot = JSONFastPaths.decodeStrictly(Snapshot.self, from: data),
              snapshot.formatVersion == currentFormatVersion
        else { return nil }
        return snapshot
    }

    /// ``decode(from:)`` through `JSONDecoder`: what any snapshot the fast path declines goes through.
    static func decodeWithFoundation(from data: Data) throws -> Snapshot {
        let decoder = JSONDecoder()
        let probe: FormatProbe
        do {
            probe = try decoder.decode(FormatProbe.self, from: data)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw SnapshotDecodingError.notASnapshot("the top level is not a JSON object")
        } catch DecodingError.typeMismatch(_, _) {
            throw SnapshotDecodingError.notASnapshot("formatVersion is not an integer")
        } catch let error as DecodingError {
            throw JSONSyntaxDiagnosis.error(for: data, underlying: error)
        }
        guard let version = probe.formatVersion else {
            throw SnapshotDecodingError.notASnapshot("there is no formatVersion field")
        }
        guard version == currentFormatVersion else {
            throw SnapshotDecodingError.unsupportedFormatVersion(version)
        }
        do {
            return try decoder.decode(Snapshot.self, from: data)
        } catch let error as DecodingError {
            throw SnapshotDecodingError(invalidContent: error)
        }
    }


    /// Just enough of a snapshot to check its format version before decoding the rest.
    private struct FormatProbe: Decodable {
        let formatVersion: Int?
    }
}

/// Tells a truncated JSON document from one that is not JSON at all.
enum JSONSyntaxDiagnosis {
    /// The error for `data`, which failed to parse as JSON.
    static func error(for data: Data, underlying: DecodingError) -> SnapshotDecodingError {
        let bytes = [UInt8](data)
        guard let first = bytes.first(where: { !isWhitespace($0) }) else { return .empty }
        if first == UInt8(ascii: "{") && endsInsideValue(bytes) { return .truncated }
        return .notJSON(describe(underlying))
    }

    /// Whether the text ends with an unclosed object, array or string: what a cut-off write leaves behind.
    static func endsInsideValue(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return false }
            default: break
            }
        }
        return inString || depth > 0
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func describe(_ error: DecodingError) -> String {
        if case .dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return (underlying ?? context.debugDescription).replacingOccurrences(of: "\n", with: " ")
        }
        return String(describing: error)
    }
}
