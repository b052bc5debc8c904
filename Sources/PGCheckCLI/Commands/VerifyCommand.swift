import ArgumentParser
import Foundation
import PGCatalog
import PGCheck
import PostgresWire

/// `pgcheck verify`: schema expectations checked against a live database or a snapshot file.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check schema expectations (tables, columns, indexes, constraints, validity) against a database or snapshot.",
        discussion: """
            Checks a live database (--url, else DATABASE_URL, else PG*; captured read-only) or a snapshot \
            file (--snapshot FILE). Expectations come from flags and/or a reviewed YAML file (--file):

              --table usage_events
              --column usage_events.window_start:timestamptz   (TABLE.COLUMN[:TYPE][:not-null|:nullable])
              --index usage_admin_bucket_idx --on usage_events --covers window_start,window_end,source \
            --unique --key-prefix admin_id,meter,bucket_start
              --constraint usage_events_quantity_check --on usage_events
              --valid   (every index valid and ready, every constraint validated)

            "Covers" means the column is in the index key or its INCLUDE list; the report says which and at \
            what position. An index check also fails when the index is INVALID or not ready (a failed \
            CREATE INDEX CONCURRENTLY), and a constraint check when the constraint is NOT VALID. --on applies \
            to --index and every --constraint; for several indexes, use a file. Unquoted names fold to lower \
            case, as in SQL.

            Each expectation prints PASS or FAIL with the reason and the actual definition as evidence. \
            Exit status: 0 all hold, 1 one fails, 2 bad input (flags, expectations file, snapshot file), \
            3 connection failure, 4 server error.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("Check this snapshot file instead of a live database.", valueName: "file"))
    var snapshot: String?

    @Option(name: .long, help: ArgumentHelp("A YAML expectations file (repeatable).", valueName: "file"))
    var file: [String] = []

    @Option(name: .long, help: ArgumentHelp("The table must exist (repeatable).", valueName: "table"))
    var table: [String] = []

    @Option(name: .long, help: ArgumentHelp("The column must exist, with the type and nullability if given (repeatable).", valueName: "table.column[:type][:not-null]"))
    var column: [String] = []

    @Option(name: .long, help: ArgumentHelp("The index must exist and be valid and ready.", valueName: "name"))
    var index: [String] = []

    @Option(name: .long, help: ArgumentHelp("The table the --index (and each --constraint) must be on.", valueName: "table"))
    var on: String?

    @Option(name: .long, help: ArgumentHelp("Columns the --index must have in its key or INCLUDE list.", valueName: "c1,c2,…"))
    var covers: String?

    @Flag(name: .long, help: "The --index must be unique.")
    var unique = false

    @Option(name: .long, help: ArgumentHelp("Columns the --index key must start with, in order.", valueName: "c1,c2,…"))
    var keyPrefix: String?

    @Option(name: .long, help: ArgumentHelp("The constraint must exist and be validated (repeatable).", valueName: "name"))
    var constraint: [String] = []

    @Flag(name: .long, help: "Every index must be valid and ready and every constraint validated.")
    var valid = false

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let expectations = try self.expectations()
        let (snapshot, source) = try loadSnapshot()
        let report = SchemaVerifier(snapshot: snapshot).verify(expectations, source: source)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: FileHandle.standardOutput.write(try report.encodedJSON())
        }
        if !report.passed { throw ReportedFailure.checkFailed }
    }

    /// The expectations the flags describe, then those of each file, in order.
    private func expectations() throws -> [SchemaExpectation] {
        var expectations: [SchemaExpectation] = try table.map { .table(try SQLName(parsing: $0)) }
        expectations += try column.map { .column(try SchemaExpectationSyntax.column($0)) }
        let onTable = try on.map { try SQLName(parsing: $0) }
        guard index.count <= 1 else {
            throw VerifyError.invalidRequest("--index can be given once (its --on, --covers, --unique and --key-prefix apply to it); put several index checks in an expectations file (--file)")
        }
        if let name = index.first {
            expectations.append(.index(IndexExpectation(
                name: try SQLName(parsing: name), table: onTable,
                covers: try covers.map { try SchemaExpectationSyntax.columns($0, option: "--covers") } ?? [],
                unique: unique ? true : nil,
                keyPrefix: try keyPrefix.map { try SchemaExpectationSyntax.columns($0, option: "--key-prefix") } ?? [])))
        } else if covers != nil || unique || keyPrefix != nil {
            throw VerifyError.invalidRequest("--covers, --unique and --key-prefix describe an index: add --index NAME")
        }
        if on != nil && index.isEmpty && constraint.isEmpty {
            throw VerifyError.invalidRequest("--on names the table of an --index or --constraint: add one")
        }
        expectations += try constraint.map { name in
            .constraint(ConstraintExpectation(
                name: try SQLName.identifier(parsing: name, what: "constraint name (it has no schema; name its table with --on)"),
                table: onTable))
        }
        if valid { expectations.append(.allValid) }
        for path in file { expectations += try SchemaExpectationsFile.load(path: path) }
        guard !expectations.isEmpty else {
            throw VerifyError.invalidRequest("nothing to verify: give --table, --column, --index, --constraint, --valid or --file")
        }
        return expectations
    }

    private func loadSnapshot() throws -> (Snapshot, String) {
        if let snapshot {
            guard connection.url == nil else { throw VerifyError.invalidRequest("give --snapshot FILE or --url, not both") }
            return (try SnapshotLoader.read(path: snapshot), snapshot)
        }
        let configuration = try connection.configuration()
        let result = try SnapshotLoader.capture(configuration: configuration, sessionOptions: connection.sessionOptions())
        for warning in result.warnings { printError("pgcheck: warning: \(warning.message)") }
        return (result.snapshot, configuration.redactedDescription)
    }
}
