import ArgumentParser
import Foundation
import PGCatalog
import PostgresWire
import PGSupport

/// `pgcheck snapshot`: the schema as deterministic JSON.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write a deterministic JSON snapshot of the schema, read from pg_catalog.",
        discussion: """
            Reads every user schema (or those named with --schema) in one read-only REPEATABLE READ \
            transaction (two connections sharing its exported snapshot unless --jobs 1). The same schema always gives the same bytes, apart from the "meta" block; \
            compare two snapshots with `pgcheck diff` or `diff -u`.

            Schemas the connecting role has no USAGE on are captured in full too: pg_catalog shows every \
            role their objects, as psql's \\d+ does. A --schema that does not exist gets a warning on stderr. \
            Exit status: 0 written, 2 bad input (arguments, connection string, output file), \
            3 connection failure, 4 server error.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("Write the snapshot to this file (atomically) instead of stdout.", valueName: "file"))
    var out: String?

    @Option(name: .customLong("schema"), help: ArgumentHelp("Capture only this schema (repeatable). Default: every user schema.", valueName: "name"))
    var schemas: [String] = []

    @Flag(name: .long, help: "Also capture pg_catalog and information_schema.")
    var includeSystem = false

    @Flag(name: .long, help: "Also capture the objects extensions create (the extensions themselves are always listed).")
    var includeExtensionObjects = false

    @Option(name: .long, help: ArgumentHelp(
        "Connections to read with (1 or 2). Two share one exported snapshot, as pg_dump --jobs does.", valueName: "n"))
    var jobs = 2

    func validate() throws {
        guard (1...2).contains(jobs) else { throw ValidationError("--jobs takes 1 or 2, not \(jobs)") }
    }

    func run() throws {
        let configuration = try connection.configuration()
        let options = SnapshotOptions(
            schemas: schemas, includeSystemSchemas: includeSystem, includeExtensionObjects: includeExtensionObjects)
        let result = try SnapshotCapture.capture(
            configuration: configuration, sessionOptions: connection.sessionOptions(), options: options,
            connections: jobs)
        for warning in result.warnings { printError("pgcheck: warning: \(warning.message)") }
        let bytes = try result.snapshot.encodedJSON()
        if let out {
            try AtomicFile.write(bytes, to: out)
        } else {
            FileHandle.standardOutput.write(bytes)
        }
    }
}
