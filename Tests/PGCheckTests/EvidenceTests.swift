import Foundation
import Testing
@testable import PGCheck

/// Evidence folders: atomic artefacts, a chain `sha256sum -c` accepts, an append-only apply log, and tamper detection.
@Suite struct EvidenceTests {
    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
    }

    private func sha256sumCheck(_ folder: URL, chain: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = ["-c", chain]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func artefactsAreChainedSoSha256sumAcceptsThem() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try EvidenceFolder(url: url, chainName: "0003.sha256")
        let first = try folder.record("{\"pre\": true}\n", as: "schema-snapshot-pre-0003.json")
        try folder.record("diff\n", as: "schema-pre-post-0003.diff")
        try folder.appendToLog("## Apply 0003\n- snapshot: `schema-snapshot-pre-0003.json`\n")
        #expect(first.name == "schema-snapshot-pre-0003.json")
        let (status, output) = try sha256sumCheck(url, chain: "0003.sha256")
        #expect(status == 0, "sha256sum -c said: \(output)")
        #expect(output.contains("schema-snapshot-pre-0003.json: OK"))
        let report = try EvidenceVerifier().verify(url)
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.verified.count == 3)
    }

    @Test func aSecondRunNeverReplacesAnArtefactAndTheLogIsAppended() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        for run in 1...2 {
            let folder = try EvidenceFolder(url: url, chainName: "0003.sha256")
            let artefact = try folder.record("run \(run)\n", as: "usage-events-window-counts.txt")
            #expect(artefact.name == (run == 1 ? "usage-events-window-counts.txt" : "usage-events-window-counts.run2.txt"))
            try folder.appendToLog("## Run \(run)\n- smoke: `\(artefact.name)`\n")
        }
        let log = try String(contentsOf: url.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log == "## Run 1\n- smoke: `usage-events-window-counts.txt`\n## Run 2\n- smoke: `usage-events-window-counts.run2.txt`\n")
        #expect(try sha256sumCheck(url, chain: "0003.sha256").0 == 0)
        #expect(try EvidenceVerifier().verify(url).isIntact)
    }

    @Test func anEditedArtefactIsNamed() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try EvidenceFolder(url: url, chainName: "0003.sha256")
        try folder.record("original\n", as: "usage-events-ddl-post-0003.txt")
        try "tampered\n".write(to: url.appendingPathComponent("usage-events-ddl-post-0003.txt"), atomically: true, encoding: .utf8)
        let report = try EvidenceVerifier().verify(url)
        #expect(!report.isIntact)
        #expect(report.problems.map(\.file) == ["usage-events-ddl-post-0003.txt"])
        #expect(report.problems.first?.reason.contains("checksum does not match") == true)
    }

    @Test func aRewrittenApplyLogIsCaught() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try EvidenceFolder(url: url, chainName: "0003.sha256")
        try folder.appendToLog("## Apply 0003 by alice\n")
        try "## Apply 0003 by mallory\n".write(to: url.appendingPathComponent("apply-log.md"), atomically: true, encoding: .utf8)
        let report = try EvidenceVerifier().verify(url)
        #expect(report.problems.contains { $0.file == "apply-log.md" && $0.reason.contains("rewritten") })
    }

    @Test func anAppendInterruptedBeforeItsChecksumIsNotARewrite() throws {
        for logged in [false, true] {
            let url = temporaryFolder()
            defer { try? FileManager.default.removeItem(at: url) }
            let folder = try EvidenceFolder(url: url, chainName: "0003.sha256")
            try folder.appendToLog("## Apply 0003\n")
            // A run killed after writing its entry file (and, in one case, appending it) but before chaining it.
            let entry = "### 0003 — validation summary\n"
            try entry.write(to: url.appendingPathComponent("apply-log.entries/0002.md"), atomically: true, encoding: .utf8)
            if logged { try AppendOnlyFile.append(Data(entry.utf8), to: url.appendingPathComponent("apply-log.md")) }
            let report = try EvidenceVerifier().verify(url)
            #expect(report.isIntact, "logged: \(logged): \(report.problems)")
        }
    }

    @Test func anArtefactNamedInTheLogMustExist() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try EvidenceFolder(url: url, chainName: "0003.sha256")
        try folder.appendToLog("- push log: `drizzle-push-0003.log`\n")
        let report = try EvidenceVerifier().verify(url)
        #expect(report.problems.contains { $0.file == "drizzle-push-0003.log" && $0.reason.contains("missing") })
    }

    @Test func secretsAreNeverWritten() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try EvidenceFolder(url: url, chainName: "0003.sha256", secrets: ["hunter2"])
        #expect(throws: EvidenceError.secretInArtefact("connection.txt")) {
            try folder.record("postgresql://app:hunter2@db/app\n", as: "connection.txt")
        }
        #expect(!FileManager.default.fileExists(atPath: url.appendingPathComponent("connection.txt").path))
        #expect(throws: EvidenceError.self) { try folder.appendToLog("password hunter2") }
    }

    @Test func aFolderWithoutChainIsNotEvidence() throws {
        let url = temporaryFolder()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: EvidenceError.self) { try EvidenceVerifier().verify(url) }
    }

    @Test func atomicWritesLeaveNoTemporaryFiles() throws {
        let url = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try EvidenceFolder(url: url, chainName: "c.sha256")
        for index in 0..<20 { try folder.record("\(index)\n", as: "a.txt") }
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        #expect(!names.contains { $0.contains(".tmp-") })
        #expect(names.filter { $0.hasPrefix("a.") }.count == 20)
    }
}
