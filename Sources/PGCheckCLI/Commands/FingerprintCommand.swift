import ArgumentParser
import Foundation
import PGCheck
import PostgresWire
import PGSupport

/// `pgcheck fingerprint`: hash a table's data per column and per row range, or compare two fingerprints.
struct FingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Fingerprint a table's data (SHA-256 per column and per row range), or compare two fingerprints.",
        discussion: """
            pgcheck fingerprint TABLE streams the table once (COPY in text format, ordered by the primary \
            key or --order-by, inside a REPEATABLE READ READ ONLY transaction) and writes a JSON document \
            with a SHA-256 per column and, for every --range-size rows, per column per range with the \
            range's first and last key. Memory does not depend on the table's size.

            pgcheck fingerprint --compare A.json B.json proves the columns fingerprinted in A hold the \
            same data in B (columns only B has, such as ones a migration added, are ignored) and \
            otherwise names each differing column and the range (key bounds) where it differs.

            Exit status: 0 fingerprint written / same data, 1 different data, 2 bad input (unknown table \
            or column, no primary key and no --order-by, unreadable file), 3 connection failure, 4 server error.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: ArgumentHelp("TABLE to fingerprint, or with --compare the two fingerprint files A and B.", valueName: "table-or-files"))
    var arguments: [String] = []

    @Flag(name: .long, help: "Compare two fingerprint files (A B) instead of taking one.")
    var compare = false

    @Option(name: .long, help: ArgumentHelp("Columns to fingerprint, comma-separated (default: all).", valueName: "c1,c2"))
    var columns: String?

    @Option(name: .long, help: ArgumentHelp("Ordering key columns, comma-separated; must be unique (default: the primary key).", valueName: "k1,k2"))
    var orderBy: String?

    @Option(name: .long, help: ArgumentHelp("Rows per range.", valueName: "rows"))
    var rangeSize = 100_000

    @Option(name: .long, help: ArgumentHelp("Write the fingerprint to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var timeouts: TimeoutOptions

    func run() throws {
        if compare {
            try runComparison()
        } else {
            try runFingerprint()
        }
    }

    private func runComparison() throws {
        guard arguments.count == 2 else { throw CommandLineError("--compare takes two fingerprint files: A.json B.json") }
        let a = try FingerprintDocument.load(path: arguments[0])
        let b = try FingerprintDocument.load(path: arguments[1])
        let comparison = try FingerprintComparison.compare(a, b)
        print(comparison.report(table: a.table, pathA: arguments[0], pathB: arguments[1]), terminator: "")
        if !comparison.isSame { throw ReportedFailure.checkFailed }
    }

    private func runFingerprint() throws {
        guard arguments.count == 1 else { throw CommandLineError("give one TABLE to fingerprint (or --compare A.json B.json)") }
        guard rangeSize > 0 else { throw CommandLineError("--range-size must be at least 1") }
        let options = FingerprintOptions(
            columns: try columns.map { try Self.names($0, flag: "--columns") },
            orderBy: try orderBy.map { try Self.names($0, flag: "--order-by") },
            rangeSize: rangeSize,
            statementTimeout: timeouts.statement,
            lockTimeout: timeouts.lock())
        let file = try out.map { try AtomicFile(path: $0) }
        let writer = file.map(OutputWriter.init(file:)) ?? .standardOutput()
        do {
            let session = try PostgresConnection.connect(try connection.configuration(), options: connection.sessionOptions())
            defer { session.close() }
            let summary = try TableFingerprinter.fingerprint(
                table: arguments[0], options: options, connection: session, writer: writer, progress: TerminalProgress.forStandardError())
            if let file { try writer.commit(file) } else { try writer.flush() }
            let line = "fingerprint of \(summary.table): \(summary.rowCount) rows, \(summary.rangeCount) range\(summary.rangeCount == 1 ? "" : "s"), \(summary.columns.count) columns\n"
            (file == nil ? FileHandle.standardError : FileHandle.standardOutput).write(Data(line.utf8))
        } catch {
            file?.discard()
            throw error
        }
    }

    /// `a,b` → ["a", "b"], refusing empty and repeated names.
    private static func names(_ list: String, flag: String) throws -> [String] {
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(where: \.isEmpty) else { throw CommandLineError("\(flag) has an empty column name in \"\(list)\"") }
        guard Set(names).count == names.count else { throw CommandLineError("\(flag) names a column twice in \"\(list)\"") }
        return names
    }
}
