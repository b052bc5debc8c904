/// Something a rehearsal found that needs a person's attention before the migration is applied, with
/// the safer way to write the statement. pgcheck never rewrites the migration itself.
public struct RehearsalHazard: Sendable, Codable, Equatable {
    /// The kinds of hazard, as `--accept-hazard` names them.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Reads (and writes) of a table that existed before are blocked longer than the limit.
        case blocksReads = "blocks-reads"
        /// Writes to a table that existed before are blocked longer than the limit.
        case blocksWrites = "blocks-writes"
        /// A table or index that existed before is rewritten under an exclusive lock.
        case rewrite
        /// An index is built without CONCURRENTLY on a table that has rows.
        case indexBuild = "index-build"
        /// A constraint (or NOT NULL) is validated by a scan under a lock that blocks writes.
        case validationUnderLock = "validation-under-lock"
        /// The statement fails on the rehearsal data.
        case dataFailure = "data-failure"
        /// The statement fails for another reason.
        case statementFailed = "statement-failed"
        /// The statement cannot run inside a transaction: drizzle's migrator fails on it.
        case nonTransactional = "non-transactional"
    }

    /// The kind.
    public var kind: Kind
    /// The statement (`tag #n`).
    public var statement: String
    /// The table concerned, if one is.
    public var table: String?
    /// What was found, in a sentence, with the figures.
    public var finding: String
    /// The safer way to write it.
    public var advice: String
}
