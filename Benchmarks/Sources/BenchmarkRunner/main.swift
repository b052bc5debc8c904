import Foundation
import PGLocal

// pgcheck-bench: the issue-7 benchmark. Starts a throwaway TLS cluster, fills `usage_events`, races the
// clients side by side, measures connection set-up and the catalog tools, and appends a dated section to
// RESULTS.md. Run it through Benchmarks/run.sh, which builds everything it needs first.

func runBenchmarks(_ options: BenchmarkOptions) throws {
    let machine = MachineInfo.current()
    let loadBefore = MachineInfo.loadAverage()
    let workFolder = NSTemporaryDirectory() + "pgcheck-bench-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: workFolder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: workFolder) }

    let measurer = Measurer(wrapper: options.rusageWrapper, workFolder: workFolder)
    Log.progress("starting a throwaway PostgreSQL cluster (TLS on)")
    let cluster = try LocalCluster.start(LocalClusterOptions(tls: true, extraSettings: [
        // Loading: the table is created in the loading transaction, so wal_level=minimal skips its WAL.
        "wal_level": "minimal", "max_wal_senders": "0", "max_wal_size": "8GB", "checkpoint_timeout": "1h",
        // Measuring: no background vacuum competing for the two cores; room for pg_dump's 2,000 table locks.
        "autovacuum": "off", "max_locks_per_transaction": "256",
    ]))
    defer { cluster.stop() }
    let monitor = OtherLoadMonitor(postmaster: cluster.postmasterProcessID)
    guard let psql = cluster.installation.psqlPath else { throw BenchmarkError("psql is not installed") }
    let secret = LocalCluster.scramUser.password ?? ""
    var report = ResultsReport(
        machine: machine, rows: options.rows, repetitions: options.repetitions, serverVersion: cluster.serverVersion,
        loadBefore: loadBefore, note: options.note, buildDescription: options.buildDescription)

    if options.parts.contains(.streaming) || options.parts.contains(.connect) {
        Log.progress("filling usage_events with \(ResultsReport.grouped(options.rows)) rows")
        let started = Date()
        try cluster.runSQL("CREATE DATABASE bench OWNER \(LocalCluster.scramUser.name)")
        try cluster.runSQL("SET ROLE \(LocalCluster.scramUser.name);\n" + UsageEventsTable.createAndFill(rows: options.rows), database: "bench")
        Log.progress("loaded in \(Spread.number(Date().timeIntervalSince(started), 1)) s")
    }
    let url = cluster.url(user: LocalCluster.scramUser, database: "bench", sslMode: "require")

    if options.parts.contains(.streaming) {
        var streaming = StreamingBenchmark(
            url: url, rows: options.rows, options: options, psql: psql, measurer: measurer,
            server: ServerCPUMeter(postmaster: cluster.postmasterProcessID), secret: secret)
        report.streaming = try streaming.run()
        report.csvBytes = streaming.csvBytes
    }
    if options.parts.contains(.connect) {
        report.connection = try PairedBenchmark(
            label: "connection set-up",
            commands: [
                ("pgcheck ping", Command(executable: options.binary("pgcheck"), arguments: ["ping", "--url", url])),
                ("psql -c 'select 1'", Command(executable: psql, arguments: ["-X", "-q", "-d", url, "-c", "select 1"])),
            ],
            repetitions: options.connectRepetitions, warmups: 2, measurer: measurer, secret: secret
        ).run()
    }
    if options.parts.contains(.catalog) {
        report.catalog = try CatalogBenchmark(
            cluster: cluster, options: options, psql: psql, pgDump: cluster.installation.path(of: "pg_dump"),
            measurer: measurer, secret: secret
        ).run()
    }
    if let microOutput = options.microOutput, let text = try? String(contentsOfFile: microOutput, encoding: .utf8) {
        report.micro = MicroResult.parse(text)
    }
    report.otherLoad = monitor.otherShare()
    try report.append(to: options.resultsPath)
    print(report.markdown())
    Log.progress("appended to \(options.resultsPath)")
}

do {
    try runBenchmarks(try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("pgcheck-bench: \(error)\n".utf8))
    exit(1)
}
