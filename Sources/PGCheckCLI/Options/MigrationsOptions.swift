import ArgumentParser
import Foundation
import PGCheck

/// The Drizzle project a command reads: its migrations folder and where drizzle's migrator keeps its
/// ledger (with drizzle's defaults). Shared by `migrations`, `drift` and `rehearse`.
struct MigrationsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Drizzle migrations folder (holding meta/_journal.json).", valueName: "dir"))
    var dir: String

    @Option(name: .long, help: "Schema of the ledger table (drizzle's migrationsSchema).")
    var migrationsSchema = "drizzle"

    @Option(name: .long, help: "Name of the ledger table (drizzle's migrationsTable).")
    var migrationsTable = "__drizzle_migrations"

    /// The ledger these flags name.
    var ledger: DrizzleLedger.Location { DrizzleLedger.Location(schema: migrationsSchema, table: migrationsTable) }

    /// The migrations folder, read.
    func folder() throws -> DrizzleMigrationFolder { try DrizzleMigrationFolder(url: URL(fileURLWithPath: dir)) }
}
