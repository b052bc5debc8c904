import Foundation
@testable import PGSupport
import Testing

/// Atomic writes: the target holds the old bytes or all of the new ones, and no temporary file survives.
@Suite struct AtomicFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func createsAFileWithTheBytes() throws {
        let path = folder.appendingPathComponent("snapshot.json").path
        try AtomicFile.write(Data("{}\n".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("{}\n".utf8))
        #expect(try entries() == ["snapshot.json"])
        try FileManager.default.removeItem(at: folder)
    }

    @Test func replacesAnExistingFileAndKeepsItsMode() throws {
        let path = folder.appendingPathComponent("snapshot.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let large = Data((0..<200_000).map { UInt8($0 % 251) })
        try AtomicFile.write(large, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == large)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try entries() == ["snapshot.json"])
        try FileManager.default.removeItem(at: folder)
    }

    @Test func aFailedRenameLeavesTheTargetAndNoTemporaryFile() throws {
        // A directory cannot be replaced by a file: the rename fails after the bytes were written.
        let target = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        let error = try #require(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(Data("new".utf8), to: target.path)
        }
        #expect(error.description.hasPrefix("could not write \(target.path): cannot rename"))
        #expect(try entries() == ["occupied"])
        #expect(try Data(contentsOf: target.appendingPathComponent("inside")) == Data("keep".utf8))
        try FileManager.default.removeItem(at: folder)
    }

    @Test func aMissingFolderIsAClearError() throws {
        let path = folder.appendingPathComponent("no/such/folder/snapshot.json").path
        let error = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.write(Data("x".utf8), to: path) }
        #expect(error.description.contains("cannot create a temporary file in"))
        #expect(error.description.contains("No such file or directory"))
        #expect(try entries().isEmpty)
        try FileManager.default.removeItem(at: folder)
    }
}
