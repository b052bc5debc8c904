import ArgumentParser
import Foundation
import PGCheck
import PostgresWire
import PGSupport

extension RowOutputFormat: ExpressibleByArgument {}

/// `pgcheck smoke`: run read-only smoke queries, stream their rows, check expectations.
struct SmokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smoke",
        abstract: "Run read-only smoke queries, stream their results and check expectations on them.",
        discussion: """
            Each query runs in its own READ ONLY transaction with statement_timeout (default 60 s; \
            --statement-timeout overrides the smoke file) and lock_timeout (default 5 s); a query that tries to write is refused by the server. Rows are \
            written as they arrive (table output is spooled to a temporary file to measure column \
            widths), so memory stays flat whatever the row count.

            Expectations: 'column OP value' with OP one of = != <> < <= > >= and value a number, a \
            'quoted string', NULL (= NULL is IS NULL, != NULL is IS NOT NULL), TRUE, FALSE or another \
            column. They apply to a one-row result; --expect-rows N and --expect-empty check the row \
            count. With several --sql, command-line expectations apply to each query; a smoke file \
            (--file, YAML) gives each query its own. Every expectation and column is checked before any \
            query runs. Each verdict prints as PASS or FAIL with the actual value: on standard output \
            when rows go to --out, otherwise on standard error.

            Exit status: 0 all expectations hold, 1 one fails, 2 bad input (syntax, unknown column, bad \
            file), 3 connection failure, 4 server error (SQL error, write refused, timeout).
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("A query to run (repeatable).", valueName: "sql"))
    var sql: [String] = []

    @Option(name: .long, help: ArgumentHelp("A YAML smoke file of named queries with their expectations.", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("An expectation on a one-row result, e.g. 'missing_window_end = 0' (repeatable).", valueName: "expectation"))
    var expect: [String] = []

    @Option(name: .long, help: ArgumentHelp("Expect exactly this many rows.", valueName: "n"))
    var expectRows: Int?

    @Flag(name: .long, help: "Expect no rows.")
    var expectEmpty = false

    @Option(name: .long, help: ArgumentHelp("Output format: table (psql's aligned format), csv, tsv or jsonl.", valueName: "format"))
    var format: RowOutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Write rows to this file (atomically: all or nothing) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var timeouts: TimeoutOptions

    func run() throws {
        let plan = try makePlan()
        let output = try SmokeOutput(path: out)
        do {
            let configuration = try connection.configuration()
            let session = try PostgresConnection.connect(configuration, options: connection.sessionOptions())
            defer { session.close() }
            let runner = SmokeRunner(connection: session, limits: plan.limits)
            let multiple = plan.queries.count > 1
            // Rows streaming to the same terminal are their own progress; a progress line would garble them.
            let rowsOnTerminal = out == nil && format != .table && isatty(STDOUT_FILENO) == 1
            let progress = rowsOnTerminal ? nil : TerminalProgress.forStandardError()
            let results = try runner.runAll(plan.queries, progress: progress) { query in
                format.makeSink(writer: output.writer, title: multiple ? query.name : nil)
            }
            try output.finish()
            let report = SmokeReport(results: results, namedQueries: plan.namedQueries)
            if !report.lines.isEmpty { output.printVerdicts(report.lines) }
            if !report.passed { throw ReportedFailure.checkFailed }
        } catch let failure as ReportedFailure {
            throw failure
        } catch {
            output.discard()
            throw error
        }
    }

    /// The queries and limits these flags describe, with every expectation parsed (nothing connects).
    private func makePlan() throws -> SmokePlan {
        let commandLineExpectations = try parsedExpectations()
        var limits = SmokeLimits(lockTimeout: timeouts.lock())
        let overridden = timeouts.statement
        if let file {
            guard sql.isEmpty else { throw SmokeError.invalidRequest("give queries with --sql or with --file, not both") }
            guard commandLineExpectations.isEmpty else {
                throw SmokeError.invalidRequest("with --file, write expectations in the file next to each query (--expect, --expect-rows and --expect-empty apply to --sql)")
            }
            let smokeFile = try SmokeFile.load(path: file)
            if let fileTimeout = smokeFile.statementTimeout { limits.statementTimeout = fileTimeout }
            if let overridden { limits.statementTimeout = overridden }
            let queries = smokeFile.queries.map { query in
                var query = query
                if overridden != nil { query.statementTimeout = nil }
                return query
            }
            return SmokePlan(queries: queries, limits: limits, namedQueries: true)
        }
        guard !sql.isEmpty else { throw SmokeError.invalidRequest("nothing to run: give a query with --sql or a smoke file with --file") }
        if let overridden { limits.statementTimeout = overridden }
        let queries = sql.enumerated().map { index, text in
            SmokeQuery(name: sql.count == 1 ? "sql" : "sql\(index + 1)", sql: text, expectations: commandLineExpectations)
        }
        return SmokePlan(queries: queries, limits: limits, namedQueries: sql.count > 1)
    }

    private func parsedExpectations() throws -> [SmokeExpectation] {
        var expectations: [SmokeExpectation] = []
        for text in expect {
            do {
                expectations.append(try SmokeExpectation.parse(text))
            } catch let error as SmokeExpectationSyntaxError {
                throw SmokeError.invalidExpectation(query: sql.count == 1 ? "sql" : "--expect", error)
            }
        }
        if let expectRows {
            guard expectRows >= 0 else { throw SmokeError.invalidRequest("--expect-rows must be 0 or more") }
            expectations.append(.rowCount(expectRows))
        }
        if expectEmpty { expectations.append(.empty) }
        return expectations
    }
}

/// What one `pgcheck smoke` invocation runs.
private struct SmokePlan {
    let queries: [SmokeQuery]
    let limits: SmokeLimits
    /// Whether verdicts name their query (several queries, or names from a file).
    let namedQueries: Bool
}

/// The verdict lines and overall result of a run.
private struct SmokeReport {
    let lines: [String]
    let passed: Bool

    init(results: [SmokeQueryResult], namedQueries: Bool) {
        var lines: [String] = []
        var total = 0
        var failed = 0
        for result in results {
            for verdict in result.verdicts {
                total += 1
                if !verdict.passed { failed += 1 }
                let text = verdict.description
                lines.append(namedQueries ? text.replacingOccurrences(of: " ", with: " \(result.name): ", options: [], range: text.range(of: " ")) : text)
            }
        }
        if total > 0 {
            if failed > 0 {
                lines.append("smoke: \(failed) of \(total) expectation\(total == 1 ? "" : "s") failed")
            } else {
                lines.append(total == 1 ? "smoke: the expectation holds" : "smoke: all \(total) expectations hold")
            }
        }
        self.lines = lines
        passed = failed == 0
    }
}

/// Where rows go: standard output, or a file that appears only when the run succeeds.
private struct SmokeOutput {
    let writer: OutputWriter
    private let file: AtomicFile?

    init(path: String?) throws {
        if let path {
            let file = try AtomicFile(path: path)
            self.file = file
            writer = OutputWriter(file: file)
        } else {
            file = nil
            writer = .standardOutput()
        }
    }

    func finish() throws {
        if let file { try writer.commit(file) } else { try writer.flush() }
    }

    func discard() {
        if let file {
            file.discard()
        } else {
            try? writer.flush()
        }
    }

    /// Verdicts go where the rows are not: standard output when rows went to a file.
    func printVerdicts(_ lines: [String]) {
        let text = lines.joined(separator: "\n") + "\n"
        if file != nil {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
