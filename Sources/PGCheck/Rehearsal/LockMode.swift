/// A table-level lock mode, as `pg_locks.mode` names it, and what it keeps other sessions from doing.
public enum LockMode: String, Sendable, Codable, CaseIterable, Comparable {
    case accessShare = "AccessShareLock"
    case rowShare = "RowShareLock"
    case rowExclusive = "RowExclusiveLock"
    case shareUpdateExclusive = "ShareUpdateExclusiveLock"
    case share = "ShareLock"
    case shareRowExclusive = "ShareRowExclusiveLock"
    case exclusive = "ExclusiveLock"
    case accessExclusive = "AccessExclusiveLock"

    /// What a lock keeps other sessions from doing, from the least to the most.
    public enum Blocks: Int, Sendable, Codable, Comparable {
        /// Only schema changes (DDL) that need a stronger lock.
        case otherDDL
        /// Schema changes, `VACUUM`, `ANALYZE` and `CREATE INDEX CONCURRENTLY`; reads and writes go on.
        case ddlAndVacuum
        /// `INSERT`, `UPDATE`, `DELETE` (and DDL); plain reads go on.
        case writes
        /// Everything, plain `SELECT` included.
        case readsAndWrites

        public static func < (lhs: Blocks, rhs: Blocks) -> Bool { lhs.rawValue < rhs.rawValue }

        /// In words, for reports.
        public var words: String {
            switch self {
            case .otherDDL: "other DDL"
            case .ddlAndVacuum: "DDL and VACUUM"
            case .writes: "writes"
            case .readsAndWrites: "reads and writes"
            }
        }
    }

    /// What this mode blocks (PostgreSQL's lock conflict table, in the terms a person deciding when to
    /// apply a migration needs).
    public var blocks: Blocks {
        switch self {
        case .accessShare, .rowShare, .rowExclusive: .otherDDL
        case .shareUpdateExclusive: .ddlAndVacuum
        case .share, .shareRowExclusive, .exclusive: .writes
        case .accessExclusive: .readsAndWrites
        }
    }

    /// The mode as SQL spells it (`ACCESS EXCLUSIVE`).
    public var sqlName: String {
        switch self {
        case .accessShare: "ACCESS SHARE"
        case .rowShare: "ROW SHARE"
        case .rowExclusive: "ROW EXCLUSIVE"
        case .shareUpdateExclusive: "SHARE UPDATE EXCLUSIVE"
        case .share: "SHARE"
        case .shareRowExclusive: "SHARE ROW EXCLUSIVE"
        case .exclusive: "EXCLUSIVE"
        case .accessExclusive: "ACCESS EXCLUSIVE"
        }
    }

    public static func < (lhs: LockMode, rhs: LockMode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
