import Foundation
import PGLocal

/// `pgcheck snapshot` of a 2,000-table catalog against `pg_dump --schema-only` of the same database,
/// and `pgcheck diff` of that snapshot against one of a changed copy.
struct CatalogBenchmark {
    let cluster: LocalCluster
    let options: BenchmarkOptions
    let psql: String
    let pgDump: String
    let measurer: Measurer
    let secret: String

    struct Results {
        var snapshot: [ContestantSamples]
        var diff: [ContestantSamples]
        var snapshotBytes: Int
        var diffLines: Int
    }

    func run() throws -> Results {
        let owner = LocalCluster.scramUser.name
        Log.progress("building the large catalog (2,000 tables, 4,000 indexes, 1,000 foreign keys, views, functions)")
        try cluster.runSQL("CREATE DATABASE catalog_a OWNER \(owner)")
        // Created under the benchmark user's role, so it owns everything pg_dump must lock and read.
        try cluster.runSQL("SET ROLE \(owner);\n" + LargeCatalog.create, database: "catalog_a")
        try cluster.runSQL("CREATE DATABASE catalog_b OWNER \(owner) TEMPLATE catalog_a")
        try cluster.runSQL("SET ROLE \(owner);\n" + LargeCatalog.changes, database: "catalog_b")
        try cluster.runSQL("VACUUM ANALYZE", database: "catalog_a")
        try cluster.runSQL("VACUUM ANALYZE", database: "catalog_b")

        let urlA = cluster.url(user: LocalCluster.scramUser, database: "catalog_a", sslMode: "require")
        let urlB = cluster.url(user: LocalCluster.scramUser, database: "catalog_b", sslMode: "require")
        let pgcheck = options.binary("pgcheck")
        let snapshotA = measurer.path("catalog_a.json")
        let snapshotB = measurer.path("catalog_b.json")
        try ChildProcess.run(pgcheck, ["snapshot", "--url", urlA, "--out", snapshotA])
        try ChildProcess.run(pgcheck, ["snapshot", "--url", urlB, "--out", snapshotB])
        let snapshotBytes = (try? FileManager.default.attributesOfItem(atPath: snapshotA)[.size] as? Int) ?? 0

        let snapshot = try PairedBenchmark(
            label: "snapshot",
            commands: [
                ("pgcheck snapshot", Command(executable: pgcheck, arguments: ["snapshot", "--url", urlA])),
                ("pg_dump --schema-only", Command(executable: pgDump, arguments: ["--schema-only", "-d", urlA])),
            ],
            repetitions: options.catalogRepetitions, warmups: 1, measurer: measurer, secret: secret
        ).run()

        let diffCommand = Command(executable: pgcheck, arguments: ["diff", snapshotA, snapshotB])
        var diffBenchmark = PairedBenchmark(
            label: "diff", commands: [("pgcheck diff (two snapshots)", diffCommand)],
            repetitions: options.catalogRepetitions, warmups: 1, measurer: measurer, secret: secret)
        diffBenchmark.acceptedStatuses = [0, 1]
        let diff = try diffBenchmark.run()
        let diffText = try Self.output(of: diffCommand)
        return Results(
            snapshot: snapshot, diff: diff, snapshotBytes: snapshotBytes,
            diffLines: diffText.split(separator: "\n").count)
    }

    /// What a command that exits 0 or 1 prints (the diff's text).
    private static func output(of command: Command) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
