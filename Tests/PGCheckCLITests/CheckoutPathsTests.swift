import Foundation
import Testing

/// The checkout must work on case-insensitive file systems (macOS's default, Windows): no two paths in
/// it may differ only in case, or a clone there silently merges them (as `Sources/pgcheck` and
/// `Sources/PGCheck` once did, mixing two targets).
@Suite struct CheckoutPathsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func noTwoPathsDifferOnlyInCase() throws {
        let paths = try Self.checkoutPaths()
        #expect(paths.count > 200, "the listing found the checkout's files (\(paths.count))")
        #expect(Self.caseClashes(in: paths) == [])
    }

    @Test func theCheckFindsAClash() {
        let clashes = Self.caseClashes(in: ["Sources/PGCheck/A.swift", "Sources/pgcheck/B.swift", "README.md"])
        #expect(clashes == [["Sources/PGCheck", "Sources/pgcheck"]])
    }

    /// Groups of distinct paths (files and every folder above them) that are equal ignoring case.
    static func caseClashes(in files: [String]) -> [[String]] {
        var paths: Set<String> = []
        for file in files {
            let parts = file.split(separator: "/")
            for end in parts.indices { paths.insert(parts[...end].joined(separator: "/")) }
        }
        let groups = Dictionary(grouping: paths) { $0.lowercased() }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// What git tracks, when this is a git checkout with git installed; otherwise every file under the
    /// package folder but build folders and `.git` (a source archive has no git, and is checked all the same).
    static func checkoutPaths() throws -> [String] {
        if let tracked = try? gitTrackedFiles(), !tracked.isEmpty { return tracked }
        var files: [String] = []
        let skipped: Set<String> = [".git", ".swiftpm"]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return files }
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if skipped.contains(name) || name.hasPrefix(".build") {
                walker.skipDescendants()
                continue
            }
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
            files.append(String(url.path.dropFirst(root.path.count + 1)))
        }
        return files
    }

    private static func gitTrackedFiles() throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "ls-files", "-z"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
