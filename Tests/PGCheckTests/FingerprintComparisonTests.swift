import Foundation
import Testing
@testable import PGCheck

/// Comparing fingerprints without a server: synthetic documents with known ranges.
@Suite struct FingerprintComparisonTests {
    private func document(
        columns: [String: [String]], rows: [Int], keys: [(Int, Int)], orderBy: [String] = ["id"], rangeSize: Int = 100
    ) -> FingerprintDocument {
        let names = columns.keys.sorted()
        let ranges = rows.indices.map { index in
            FingerprintDocument.RowRange(
                index: index, rows: rows[index], firstKey: [String(keys[index].0)], lastKey: [String(keys[index].1)],
                sha256: Dictionary(uniqueKeysWithValues: names.map { ($0, columns[$0]![index]) }))
        }
        return FingerprintDocument(
            format: FingerprintDocument.formatName, version: 1, table: "public.t", orderBy: orderBy, rangeSize: rangeSize,
            encoding: ["copy": "text"], ranges: ranges,
            columns: names.map { FingerprintDocument.Column(name: $0, type: "text", sha256: columns[$0]!.joined()) },
            rowCount: rows.reduce(0, +), meta: [:])
    }

    @Test func addedColumnsInBAreFine() throws {
        let a = document(columns: ["a": ["1", "2"], "b": ["3", "4"]], rows: [100, 50], keys: [(1, 100), (101, 150)])
        let b = document(columns: ["a": ["1", "2"], "b": ["3", "4"], "c": ["5", "6"]], rows: [100, 50], keys: [(1, 100), (101, 150)])
        let comparison = try FingerprintComparison.compare(a, b)
        #expect(comparison.isSame)
        #expect(comparison.addedColumns == ["c"])
        #expect(comparison.matchingColumns == ["a", "b"])
        #expect(comparison.report(table: "public.t", pathA: "a.json", pathB: "b.json").hasSuffix("SAME a\nSAME b\nresult: SAME (every column of A holds the same data in B)\n"))
    }

    @Test func changedValueIsLocatedToItsRange() throws {
        let a = document(columns: ["a": ["1", "2", "3"], "b": ["4", "5", "6"]], rows: [100, 100, 7], keys: [(1, 100), (101, 200), (201, 207)])
        let b = document(columns: ["a": ["1", "X", "3"], "b": ["4", "5", "6"]], rows: [100, 100, 7], keys: [(1, 100), (101, 200), (201, 207)])
        let comparison = try FingerprintComparison.compare(a, b)
        #expect(comparison.differences == [.changedValues(column: "a", range: 1, firstKey: ["101"], lastKey: ["200"])])
        #expect(comparison.differences[0].description == "column a: values differ in range 1 (keys (101) .. (200))")
        #expect(comparison.report(table: "public.t", pathA: "a.json", pathB: "b.json").contains("DIFF a\nSAME b\n"))
    }

    @Test func deletedRowIsLocatedToItsRangeAndLaterRangesAreNotBlamed() throws {
        let a = document(columns: ["a": ["1", "2", "3"]], rows: [100, 100, 100], keys: [(1, 100), (101, 200), (201, 300)])
        let b = document(columns: ["a": ["1", "Y", "Z"]], rows: [100, 100, 99], keys: [(1, 100), (101, 201), (202, 300)])
        let comparison = try FingerprintComparison.compare(a, b)
        #expect(comparison.differences.count == 2)
        #expect(comparison.differences[0] == .rowCount(a: 300, b: 299))
        guard case .rowsAddedOrRemoved(let range, let boundsA, let boundsB, let later) = comparison.differences[1] else {
            Issue.record("expected rows added or removed, got \(comparison.differences[1])")
            return
        }
        #expect(range == 1 && boundsA.firstKey == ["101"] && boundsA.lastKey == ["200"] && boundsB?.lastKey == ["201"] && later)
    }

    @Test func rowsAppendedAfterTheEndAndMissingColumns() throws {
        let a = document(columns: ["a": ["1"], "gone": ["2"]], rows: [100], keys: [(1, 100)])
        let b = document(columns: ["a": ["1", "2"]], rows: [100, 1], keys: [(1, 100), (101, 101)])
        let comparison = try FingerprintComparison.compare(a, b)
        #expect(comparison.differences.contains(.missingColumn("gone")))
        #expect(comparison.differences.contains(.rowCount(a: 100, b: 101)))
        #expect(comparison.differences.contains { if case .extraRange(range: 1, _) = $0 { true } else { false } })
    }

    @Test func differentOrderingOrSettingsCannotBeCompared() throws {
        let a = document(columns: ["a": ["1"]], rows: [1], keys: [(1, 1)])
        let b = document(columns: ["a": ["1"]], rows: [1], keys: [(1, 1)], orderBy: ["a"])
        #expect(throws: FingerprintError.self) { try FingerprintComparison.compare(a, b) }
        var c = a
        c.encoding["TimeZone"] = "UTC"
        #expect(throws: FingerprintError.self) { try FingerprintComparison.compare(a, c) }
        let d = document(columns: ["a": ["X"]], rows: [1], keys: [(1, 1)], rangeSize: 50)
        #expect(try FingerprintComparison.compare(a, d).differences == [.changedColumn("a")])
    }

    @Test func documentsRoundTripAndBadFilesAreRefused() throws {
        let folder = NSTemporaryDirectory() + "pgcheck-fp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = document(columns: ["a": ["1"]], rows: [1], keys: [(1, 1)])
        try JSONEncoder().encode(original).write(to: URL(fileURLWithPath: folder + "/a.json"))
        #expect(try FingerprintDocument.load(path: folder + "/a.json") == original)
        try Data("{\"format\": \"pgcheck-fingerprint\", \"version\": 9}".utf8).write(to: URL(fileURLWithPath: folder + "/v9.json"))
        #expect(throws: FingerprintError.invalidFile(path: folder + "/v9.json", problem: "fingerprint version 9; this pgcheck reads version 1")) {
            try FingerprintDocument.load(path: folder + "/v9.json")
        }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: folder + "/bad.json"))
        #expect(throws: FingerprintError.self) { try FingerprintDocument.load(path: folder + "/bad.json") }
        #expect(throws: FingerprintError.invalidFile(path: folder + "/none.json", problem: "cannot read the file")) {
            try FingerprintDocument.load(path: folder + "/none.json")
        }
    }

    @Test func valuesAreEscapedAsCopyTextFields() {
        func field(_ text: String?) -> String {
            var output: [UInt8] = []
            if let text {
                Array(text.utf8).withUnsafeBytes { CopyTextEscaping.append($0, to: &output) }
            } else {
                CopyTextEscaping.append(nil, to: &output)
            }
            return String(decoding: output, as: UTF8.self)
        }
        #expect(field("1") == "1")
        #expect(field("a\tb") == "a\\tb")
        #expect(field("a\tb\n\r\u{8}\u{C}\u{B}") == "a\\tb\\n\\r\\b\\f\\v")
        #expect(field(nil) == "\\N")
        #expect(field("\\N") == "\\\\N")
        #expect(field("") == "")
    }
}
