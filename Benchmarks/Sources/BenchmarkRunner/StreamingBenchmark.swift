import Foundation

/// One client in the streaming comparison.
struct Contestant {
    /// The row label in the report.
    let name: String
    let command: Command
    /// Whether the client prints `rows=N checksum=X` (checked after every run).
    let reportsRows: Bool
    /// The rows it must report.
    var expectedRows: Int
}

/// `SELECT *` of every row of `usage_events`, streamed by each client side by side: several rounds, each
/// running every contestant once (in a rotated order, so none always follows the same neighbour), after
/// one unmeasured warm-up round.
struct StreamingBenchmark {
    let contestants: [Contestant]
    let repetitions: Int
    let measurer: Measurer
    let secret: String
    /// The size of the CSV output, once checked.
    private(set) var csvBytes = 0

    /// Labels the report and the targets refer to.
    static let library = "pgcheck library (PostgresWire, binary)"
    static let librarySmall = "pgcheck library, first 100,000 rows"
    static let smoke = "pgcheck smoke --format csv"
    static let libpq = "libpq single-row mode (C)"
    static let postgresNIO = "PostgresNIO (the Swift peer, binary)"
    static let psqlCSV = "psql --csv"
    static let psqlCopy = "psql \\copy … to stdout csv"

    init(url: String, rows: Int, options: BenchmarkOptions, psql: String, measurer: Measurer, secret: String) {
        let sql = UsageEventsTable.selectAll
        var contestants = [
            Contestant(name: Self.library, command: Command(executable: options.binary("stream-rows"), arguments: [url, sql]),
                       reportsRows: true, expectedRows: rows),
            Contestant(name: Self.smoke, command: Command(executable: options.binary("pgcheck"), arguments: [
                "smoke", "--url", url, "--sql", sql, "--format", "csv", "--statement-timeout", "3600",
            ]), reportsRows: false, expectedRows: rows),
            Contestant(name: Self.libpq, command: Command(executable: options.libpqClient, arguments: [url, sql]),
                       reportsRows: true, expectedRows: rows),
            Contestant(name: Self.postgresNIO, command: Command(executable: options.binary("stream-rows-nio"), arguments: [url, sql]),
                       reportsRows: true, expectedRows: rows),
            Contestant(name: Self.psqlCSV, command: Command(executable: psql, arguments: ["-X", "-q", "--csv", "-d", url, "-c", sql]),
                       reportsRows: false, expectedRows: rows),
            Contestant(name: Self.psqlCopy, command: Command(executable: psql, arguments: [
                "-X", "-q", "-d", url, "-c", "\\copy (\(sql)) to stdout csv",
            ]), reportsRows: false, expectedRows: rows),
        ]
        // Peak memory must not grow with the result: the same client on a 100k-row prefix, in the same run.
        if rows > 100_000 {
            contestants.insert(Contestant(
                name: Self.librarySmall,
                command: Command(executable: options.binary("stream-rows"), arguments: [url, "\(sql) LIMIT 100000"]),
                reportsRows: true, expectedRows: 100_000), at: 1)
        }
        self.contestants = contestants
        repetitions = options.repetitions
        self.measurer = measurer
        self.secret = secret
    }

    /// Checks the CSV clients agree, then measures every round; returns each contestant's samples.
    mutating func run() throws -> [ContestantSamples] {
        try checkIdenticalCSV()
        var results = contestants.map { ContestantSamples(name: $0.name, commandLine: $0.command.display(redacting: secret)) }
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
        let sample = try measurer.measure(command, label: "stream-\(index)")
        if contestant.reportsRows {
            let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            guard output.hasPrefix("rows=\(contestant.expectedRows) ") else {
                throw BenchmarkError("\(contestant.name) streamed the wrong number of rows: \(output) (expected \(contestant.expectedRows))")
            }
        }
        return sample
    }

    /// `pgcheck smoke --format csv` must print exactly what `psql --csv` prints, or the race means nothing.
    private mutating func checkIdenticalCSV() throws {
        guard let smoke = contestants.first(where: { $0.name == Self.smoke }),
              let psql = contestants.first(where: { $0.name == Self.psqlCSV }) else { return }
        let smokeOutput = try ChildProcess.digest(smoke.command)
        let psqlOutput = try ChildProcess.digest(psql.command)
        guard smokeOutput == psqlOutput else {
            throw BenchmarkError("pgcheck smoke --format csv and psql --csv printed different output (\(smokeOutput) vs \(psqlOutput))")
        }
        csvBytes = smokeOutput.bytes
        Log.progress("pgcheck smoke --format csv and psql --csv print the same \(smokeOutput.bytes) bytes (FNV-1a \(String(smokeOutput.hash, radix: 16)))")
    }
}

/// Progress on standard error, so a long run shows it is alive.
enum Log {
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    }
}
