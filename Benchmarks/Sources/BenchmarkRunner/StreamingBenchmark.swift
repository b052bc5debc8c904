import Foundation

/// One client in the streaming comparison.
struct Contestant {
    /// The row label in the report.
    let name: String
    /// The table it is reported in, and whether that table's ratios are taken to it.
    let group: StreamingBenchmark.Group
    var isReference = false
    let command: Command
    /// Whether the client prints `rows=N checksum=X` (checked after every run).
    let reportsRows: Bool
    /// The rows it must report.
    var expectedRows: Int
}

/// Every streaming contestant side by side: several rounds, each running every contestant once (in a
/// rotated order, so none always follows the same neighbour), after one unmeasured warm-up round. Each
/// is reported in its group's table, with ratios to the group's reference from the same round and the
/// server's CPU time for the same command.
struct StreamingBenchmark {
    let contestants: [Contestant]
    let repetitions: Int
    let measurer: Measurer
    let server: ServerCPUMeter
    let secret: String
    /// The size of the CSV output, once checked.
    private(set) var csvBytes = 0

    /// The tables of the streaming section.
    enum Group: String, CaseIterable {
        case library, smoke, async1M, asyncAll

        func title(rows: Int) -> String {
            switch self {
            case .library: "The library against libpq, like for like: `SELECT * FROM usage_events`, binary results"
            case .smoke: "`pgcheck smoke --format csv` against a libpq CSV writer: `SELECT * FROM usage_events` to `/dev/null`"
            case .async1M: "The async API against the blocking API: `SELECT id, quantity FROM usage_events LIMIT 1000000`"
            case .asyncAll: "The async API against the blocking API: `SELECT id, quantity FROM usage_events` (\(ResultsReport.grouped(rows)) rows)"
            }
        }
    }

    /// Labels the report and the targets refer to.
    static let library = "pgcheck library (PostgresWire, binary)"
    static let librarySmall = "pgcheck library, first 100,000 rows"
    static let libpqBinary = "libpq single-row mode, binary (C)"
    static let libpqText = "libpq single-row mode, text (C)"
    static let postgresNIO = "PostgresNIO (the Swift peer, binary)"
    static let smoke = "pgcheck smoke --format csv"
    static let libpqCSV = "libpq CSV writer (C, single-row mode)"
    static let psqlCSV = "psql --csv"
    static let psqlCopy = "psql \\copy … to stdout csv"
    static let blocking = "blocking API (PostgresConnection.query)"
    static let mainActor = "async API, loop on the main actor"
    static let detached = "async API, loop in a detached task"

    init(url: String, rows: Int, options: BenchmarkOptions, psql: String, measurer: Measurer, server: ServerCPUMeter, secret: String) {
        let sql = UsageEventsTable.selectAll
        let libpq = options.libpqClient
        var contestants = [
            Contestant(name: Self.library, group: .library, command: Command(executable: options.binary("stream-rows"), arguments: [url, sql]),
                       reportsRows: true, expectedRows: rows),
            Contestant(name: Self.libpqBinary, group: .library, isReference: true,
                       command: Command(executable: libpq, arguments: ["--binary", url, sql]), reportsRows: true, expectedRows: rows),
            Contestant(name: Self.libpqText, group: .library, command: Command(executable: libpq, arguments: [url, sql]),
                       reportsRows: true, expectedRows: rows),
            Contestant(name: Self.postgresNIO, group: .library, command: Command(executable: options.binary("stream-rows-nio"), arguments: [url, sql]),
                       reportsRows: true, expectedRows: rows),
            Contestant(name: Self.smoke, group: .smoke, command: Command(executable: options.binary("pgcheck"), arguments: [
                "smoke", "--url", url, "--sql", sql, "--format", "csv", "--statement-timeout", "3600",
            ]), reportsRows: false, expectedRows: rows),
            Contestant(name: Self.libpqCSV, group: .smoke, isReference: true,
                       command: Command(executable: options.libpqCSVWriter, arguments: [url, sql]), reportsRows: false, expectedRows: rows),
            Contestant(name: Self.psqlCSV, group: .smoke, command: Command(executable: psql, arguments: ["-X", "-q", "--csv", "-d", url, "-c", sql]),
                       reportsRows: false, expectedRows: rows),
            Contestant(name: Self.psqlCopy, group: .smoke, command: Command(executable: psql, arguments: [
                "-X", "-q", "-d", url, "-c", "\\copy (\(sql)) to stdout csv",
            ]), reportsRows: false, expectedRows: rows),
        ]
        // Peak memory must not grow with the result: the same client on a 100k-row prefix, in the same run.
        if rows > 100_000 {
            contestants.insert(Contestant(
                name: Self.librarySmall, group: .library,
                command: Command(executable: options.binary("stream-rows"), arguments: [url, "\(sql) LIMIT 100000"]),
                reportsRows: true, expectedRows: 100_000), at: 1)
        }
        // The async loop from the main actor and from a detached task against the blocking API, at 1M rows
        // and at the full size: the same per-row work (two bigints decoded), the same bounded memory.
        let asyncBinary = options.binary("stream-rows-async")
        var sizes: [(Group, String, Int)] = [(.asyncAll, "SELECT id, quantity FROM usage_events", rows)]
        if rows > 1_000_000 { sizes.insert((.async1M, "SELECT id, quantity FROM usage_events LIMIT 1000000", 1_000_000), at: 0) }
        for (group, query, count) in sizes {
            for (name, mode) in [(Self.blocking, "blocking"), (Self.mainActor, "main-actor"), (Self.detached, "detached")] {
                contestants.append(Contestant(
                    name: name, group: group, isReference: mode == "blocking",
                    command: Command(executable: asyncBinary, arguments: [mode, url, query]), reportsRows: true, expectedRows: count))
            }
        }
        self.contestants = contestants
        repetitions = options.repetitions
        self.measurer = measurer
        self.server = server
        self.secret = secret
    }

    /// Checks the CSV clients agree, then measures every round; returns each contestant's samples.
    mutating func run() throws -> [ContestantSamples] {
        try checkIdenticalCSV()
        var results = contestants.map {
            ContestantSamples(name: $0.name, commandLine: $0.command.display(redacting: secret), group: $0.group.rawValue,
                              isReference: $0.isReference, rows: $0.expectedRows)
        }
        for round in 0...repetitions {
            let label = round == 0 ? "warm-up" : "round \(round)/\(repetitions)"
            var line: [String] = []
            for offset in 0..<contestants.count {
                let index = (offset + round) % contestants.count
                let sample = try measure(contestants[index], index: index)
                line.append("\(contestants[index].name.prefix(24)): \(Spread.number(sample.wall, 2)) s")
                if round > 0 { results[index].samples.append(sample) }
            }
            Log.progress("streaming \(label): " + line.joined(separator: ", "))
        }
        return results
    }

    private func measure(_ contestant: Contestant, index: Int) throws -> ProcessSample {
        var command = contestant.command
        let outputPath = measurer.path("stream-\(index).out")
        if contestant.reportsRows { command.standardOutput = outputPath }
        let sample = try measurer.measure(command, label: "stream-\(index)", server: server)
        if contestant.reportsRows {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            guard output.hasPrefix("rows=\(contestant.expectedRows) ") else {
                throw BenchmarkError("\(contestant.name) streamed the wrong number of rows: \(output) (expected \(contestant.expectedRows))")
            }
        }
        return sample
    }

    /// `pgcheck smoke --format csv` and the libpq CSV writer must print exactly what `psql --csv` prints, or
    /// the race means nothing. (That pgcheck's output is psql's is proved by the tests; this checks the
    /// benchmark's own data.)
    private mutating func checkIdenticalCSV() throws {
        guard let psql = contestants.first(where: { $0.name == Self.psqlCSV }) else { return }
        let psqlOutput = try ChildProcess.digest(psql.command)
        for name in [Self.smoke, Self.libpqCSV] {
            guard let writer = contestants.first(where: { $0.name == name }) else { continue }
            let output = try ChildProcess.digest(writer.command)
            guard output == psqlOutput else {
                throw BenchmarkError("\(name) and psql --csv printed different output (\(output) vs \(psqlOutput))")
            }
        }
        csvBytes = psqlOutput.bytes
        Log.progress("pgcheck smoke --format csv, the libpq CSV writer and psql --csv print the same \(psqlOutput.bytes) bytes "
            + "(FNV-1a \(String(psqlOutput.hash, radix: 16)))")
    }
}

/// Progress on standard error, so a long run shows it is alive.
enum Log {
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }
}
