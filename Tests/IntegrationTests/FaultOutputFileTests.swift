import Foundation
import Testing
import PGLocal

/// Commands that write files, cut off mid-result: the command fails with the connection's error and
/// the file is not there at all — never a partial file that looks complete.
@Suite struct FaultOutputFileTests {
    static func url(_ database: FixtureDatabase, through proxy: FaultProxy) -> String {
        "postgresql://\(LocalCluster.trustUser.name)@127.0.0.1:\(proxy.port)/\(database.name)?sslmode=disable"
    }

    static func emptyFolder() throws -> URL {
        let folder = RunbookTests.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aCutSnapshotCommandLeavesNoOutputFile() throws {
        let database = try RunbookTests.scenario("fault_out")
        let proxy = try FaultProxy(targetPort: database.cluster.port, plan: .cut(.serverMessage(UInt8(ascii: "D"), occurrence: 30, keepingBytes: 7)))
        defer { proxy.stop() }
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("snapshot.json")
        let run = try PGCheckProcess.run(["snapshot", "--url", Self.url(database, through: proxy), "--out", out.path])
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("in the middle of a DataRow message"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "a partial snapshot must not look complete")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no temporary file left behind")
    }

    @Test(arguments: ["table", "csv", "jsonl"])
    func aCutSmokeQueryLeavesNoOutputFile(_ format: String) throws {
        let database = try FixtureDatabase.create("fault_smoke")
        let proxy = try FaultProxy(targetPort: database.cluster.port, plan: .cut(.serverMessage(UInt8(ascii: "D"), occurrence: 500, keepingBytes: 20)))
        defer { proxy.stop() }
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("rows.out")
        let run = try PGCheckProcess.run([
            "smoke", "--url", Self.url(database, through: proxy), "--sql", "SELECT g, md5(g::text) FROM generate_series(1, 5000) g",
            "--format", format, "--out", out.path,
        ])
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("in the middle of a DataRow message"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "499 rows must not look like the whole result")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no temporary file left behind")
    }
}
