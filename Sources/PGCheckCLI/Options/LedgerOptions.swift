import ArgumentParser
import PGCheck

/// Where drizzle's migrator keeps its ledger: the flags of every command that reads it
/// (`migrations`, `drift`, `rehearse`), with drizzle's defaults.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "Schema of the ledger table (drizzle's migrationsSchema).")
    var migrationsSchema = "drizzle"

    @Option(name: .long, help: "Name of the ledger table (drizzle's migrationsTable).")
    var migrationsTable = "__drizzle_migrations"

    /// The ledger these flags name.
    var location: DrizzleLedger.Location { DrizzleLedger.Location(schema: migrationsSchema, table: migrationsTable) }
}
