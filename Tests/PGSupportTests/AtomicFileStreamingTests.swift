import Foundation
import Testing
@testable import PGSupport

/// `--out FILE`: the file appears whole on commit, and nothing (not even a temporary file) otherwise.
@Suite struct AtomicFileStreamingTests {
    private func makeFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "pgcheck-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func commitReplacesTheTargetWithTheWholeContent() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.csv"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try AtomicFile(path: path)
        for _ in 0..<50_000 { try file.write(Data("row\n".utf8)) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(repeating: "row\n", count: 50_000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions != 0o600)
    }

    @Test func discardOrDroppingLeavesTheFolderAsItWas() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let discarded = try AtomicFile(path: folder + "/a.txt")
        try discarded.write(Data("partial".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
        discarded.discard()
        do {
            let dropped = try AtomicFile(path: folder + "/b.txt")
            try dropped.write(Data("partial".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func missingFolderIsAClearError() {
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile(path: "/nonexistent-\(UUID().uuidString)/out.csv") }
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile(path: NSTemporaryDirectory() + "/") }
    }
}
