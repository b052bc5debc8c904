import ArgumentParser
import Foundation
import PGCatalog
import PGCheck
import PGJSON
import PGSupport
import PostgresWire

/// `pgcheck drift`: the database against the schema drizzle-kit believes it has.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare a database with drizzle-kit's snapshot of its last applied migration: what was changed by hand, skipped or edited.",
        discussion: """
            Reads meta/NNNN_snapshot.json (or a 1.0 beta snapshot.json) of the last migration the ledger \
            records as applied (--url), the journal's last (--snapshot), or --at TAG, and compares it with \
            the live database (read-only: catalog reads and EXPLAIN, never a write; pooler-safe) or a \
            `pgcheck snapshot` file. Only what drizzle tracks is compared: tables, columns (type, not null, \
            default, primary key, identity, generated), indexes, foreign keys, unique, check and primary-key \
            constraints, enums, sequences, schemas, views, RLS and policies. Other schemas, extensions, \
            functions, triggers and the ledger are listed as unmanaged. Spellings are compared for \
            meaning (varchar(255) is character varying(255)); an expression that cannot be proved equal \
            or different is listed as "cannot compare", never as drift. A migration the ledger lacks \
            while a later one is applied (drizzle's migrator skipped it) is drift.

            Exit status: 0 no drift, 1 drift, 2 bad input (a malformed snapshot names the file and JSON \
            path), 3 connection failure, 4 server error.
            """
    )

    @OptionGroup var migrations: MigrationsOptions

    @Option(name: .long, help: ArgumentHelp("A pgcheck snapshot file to compare instead of a live database.", valueName: "file"))
    var snapshot: String?

    @Option(name: .long, help: ArgumentHelp("Compare with this migration's snapshot (a tag, or its prefix such as 0002).", valueName: "tag"))
    var at: String?

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "text, json or markdown.")
    var format: RehearsalFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var timeouts: TimeoutOptions

    func validate() throws {
        if snapshot != nil, connection.url != nil { throw ValidationError("--snapshot and --url each name what to compare: give one") }
    }

    func run() throws {
        let folder = try migrations.folder()
        let ledger = migrations.ledger
        let check = DriftCheck(folder: folder, ledger: ledger)
        let report: DriftReport
        if let snapshot {
            // A bad request or drizzle snapshot is reported before the pgcheck snapshot is read.
            _ = try DrizzleSnapshotLoader.load(from: folder.snapshotFile(tag: try check.chooseMigration(at: at, status: nil).tag))
            let actual = try SnapshotLoader.read(path: snapshot)
            report = try check.run(at: at, status: nil, actual: actual, database: snapshot, judge: nil)
        } else {
            let configuration = try connection.configuration()
            let options = connection.sessionOptions()
            let session = try PostgresConnection.connect(configuration, options: options)
            defer { session.close() }
            // Read-only with timeouts per transaction: also through a transaction pooler.
            let limit = timeouts.statement ?? .seconds(60)
            let ledgerRows = try ReadOnlyTransaction.run(on: session, statementTimeout: limit) { try DrizzleLedger.read(session, at: ledger) }
            let status = DrizzleStatus(folder: folder, ledger: ledgerRows)
            _ = try DrizzleSnapshotLoader.load(from: folder.snapshotFile(tag: try check.chooseMigration(at: at, status: status).tag))
            let actual = try SnapshotCapture.capture(configuration: configuration, sessionOptions: options).snapshot
            report = try check.run(at: at, status: status, actual: actual, database: configuration.redactedDescription,
                                   judge: ServerExpressionJudge(connection: session, statementTimeout: limit))
        }
        let output: Data
        switch format {
        case .text: output = Data(report.text.utf8)
        case .json: output = try CanonicalJSONDocument.data(of: report)
        case .markdown: output = Data(report.markdown.utf8)
        }
        if let out {
            try AtomicFile.write(output, to: out)
        } else {
            FileHandle.standardOutput.write(output)
        }
        if report.hasDrift { throw ReportedFailure.checkFailed }
    }
}
