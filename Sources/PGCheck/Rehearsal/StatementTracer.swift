import PostgresWire

/// Runs one statement at a time behind a savepoint and works out what it did to the relations that
/// existed before the rehearsal: the locks it took, the files it replaced, the rows it read, the indexes
/// it built, the constraints it validated.
struct StatementTracer {
    let catalog: RehearsalCatalog
    /// The tables and indexes that existed before the first statement; only these can be hazards.
    private let before: [Int64: RehearsalCatalog.Relation]
    /// The relations as the previous statement left them.
    private var relations: [Int64: RehearsalCatalog.Relation]
    private var locks: Set<RehearsalCatalog.Lock>
    private var scans: RehearsalCatalog.ScanCounts
    /// Constraints and NOT NULL columns of each table that existed before, as last seen.
    private var rules: [Int64: RehearsalCatalog.TableRules]
    /// Size and row estimate of each table that existed before, measured when first locked.
    private(set) var tableSizes: [String: RelationSize] = [:]
    private var savepoints = 0

    init(catalog: RehearsalCatalog) throws {
        self.catalog = catalog
        before = try catalog.relations()
        relations = before
        locks = try catalog.locks()
        scans = try catalog.scanCounts()
        rules = try catalog.rules(of: before.values.filter { !$0.isIndex }.map(\.oid))
    }

    /// Runs `statement` (or its stand-in, or nothing) and returns what it did.
    mutating func trace(
        _ statement: MigrationStatement, migration: String, number: Int, transaction: Int, on connection: PostgresConnection
    ) throws -> StatementTrace {
        var trace = StatementTrace(
            migration: migration, number: number, transaction: transaction, sql: statement.sql, outcome: .ran, seconds: 0,
            nonTransactional: statement.nonTransactional.map(Self.note(for:)),
            acquired: [], held: [], rewrites: [], scans: [], builtIndexes: [], validated: [], error: nil, dataProblem: nil)
        let runnable: String
        if statement.nonTransactional != nil {
            guard let standIn = statement.transactionalStandIn else {
                trace.outcome = .notRun
                trace.held = heldLocks(locks)
                return trace
            }
            runnable = standIn
            trace.outcome = .standIn
        } else {
            runnable = statement.sql
        }
        savepoints += 1
        let savepoint = "pgcheck_rehearsal_\(savepoints)"
        try connection.execute("SAVEPOINT \(savepoint)")
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try connection.execute(runnable)
            trace.seconds = Figures.milliseconds(clock.now - started)
            try connection.execute("RELEASE SAVEPOINT \(savepoint)")
        } catch let error as PostgresServerError where error.phase == .query && !Self.endsTheRehearsal(error) {
            trace.seconds = Figures.milliseconds(clock.now - started)
            trace.outcome = .failed
            trace.error = StatementError(sqlState: error.sqlState, message: error.message, detail: error.detail)
            try connection.execute("ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)")
            try observe(into: &trace, standIn: false)
            savepoints += 1
            trace.dataProblem = try DataFailureDiagnosis(connection: connection, savepoint: "pgcheck_rehearsal_\(savepoints)")
                .diagnose(error, statement: runnable)
            // The diagnosis's own counts read the table too: not the next statement's doing.
            scans = try catalog.scanCounts()
            return trace
        }
        try observe(into: &trace, standIn: trace.outcome == .standIn)
        return trace
    }

    /// Reads the catalogs again and fills in what the statement changed.
    private mutating func observe(into trace: inout StatementTrace, standIn: Bool) throws {
        let nowLocks = try catalog.locks()
        let nowRelations = try catalog.relations()
        let nowScans = try catalog.scanCounts()
        let newLocks = nowLocks.subtracting(locks).filter { before[$0.oid] != nil }
        // A stand-in's locks are not the real statement's: CONCURRENTLY takes SHARE UPDATE EXCLUSIVE on the
        // table, and that is what is reported (the stand-in's own locks are held on, attributed to nothing).
        if standIn {
            let tables = Set(newLocks.compactMap { before[$0.oid]?.tableOID })
            trace.acquired = tables.compactMap { before[$0] }.map {
                RelationLock(relation: $0.name, table: $0.name, mode: .shareUpdateExclusive, blocks: LockMode.shareUpdateExclusive.blocks)
            }.sorted { $0.table < $1.table }
        } else {
            trace.acquired = relationLocks(newLocks)
        }
        trace.held = heldLocks(nowLocks)

        let lockedTables = Set(newLocks.compactMap { before[$0.oid]?.tableOID })
        let sizes = try catalog.sizes(of: Array(lockedTables))
        for table in lockedTables {
            guard let relation = before[table], tableSizes[relation.name] == nil else { continue }
            let bytes = sizes[table] ?? relation.pages * 8192
            tableSizes[relation.name] = RelationSize(relation: relation.name, bytes: bytes, estimatedRows: relation.estimatedRows)
        }

        var rewritten: Set<Int64> = []
        for (oid, old) in relations where before[oid] != nil {
            guard let new = nowRelations[oid], new.fileNode != old.fileNode else { continue }
            rewritten.insert(new.tableOID)
            trace.rewrites.append(RelationSize(
                relation: new.name, bytes: try catalog.sizes(of: [oid])[oid] ?? new.pages * 8192, estimatedRows: new.estimatedRows))
        }
        trace.rewrites.sort { $0.relation < $1.relation }

        let strongest = Dictionary(nowLocks.compactMap { lock in before[lock.oid].map { ($0.tableOID, lock.mode) } }) { max($0, $1) }
        var readBy: [Int64: Int64] = [:]
        for (table, count) in nowScans where before[table] != nil {
            let read = count - (scans[table] ?? 0)
            if read > 0 { readBy[table] = read }
        }
        var indexed: Set<Int64> = []
        for (oid, relation) in nowRelations where relation.isIndex && relations[oid] == nil {
            guard let table = before[relation.tableOID] else { continue }
            indexed.insert(table.oid)
            trace.builtIndexes.append(BuiltIndex(index: relation.name, table: table.name, rowsRead: readBy[table.oid] ?? 0))
        }
        trace.builtIndexes.sort { $0.index < $1.index }
        for (table, read) in readBy.sorted(by: { $0.key < $1.key }) {
            // A rewrite and an index build read the table too; they are reported as what they are.
            guard !rewritten.contains(table), !indexed.contains(table) else { continue }
            trace.scans.append(TableScan(table: before[table]!.name, rowsRead: read, underLock: standIn ? nil : strongest[table]))
        }
        trace.scans.sort { $0.table < $1.table }

        // Every DDL locks its table, so the tables locked now are the ones whose rules may have changed.
        let heldTables = Set(nowLocks.compactMap { before[$0.oid]?.tableOID })
        let touched = heldTables.union(readBy.keys).filter { before[$0].map { !$0.isIndex } ?? false }.sorted()
        let nowRules = try catalog.rules(of: touched)
        for table in touched {
            let old = rules[table] ?? RehearsalCatalog.TableRules()
            let new = nowRules[table] ?? RehearsalCatalog.TableRules()
            let name = before[table]!.name
            for (constraint, valid) in new.constraints.sorted(by: { $0.key < $1.key }) where valid && old.constraints[constraint] != true {
                trace.validated.append("constraint \(constraint) on \(name)")
            }
            // NOT NULL on a column that existed and allowed NULLs: the rows must be checked. A column added
            // NOT NULL with its default is not (its rows all hold the default).
            for (column, notNull) in new.columns.sorted(by: { $0.key < $1.key }) where notNull && old.columns[column] == false {
                trace.validated.append("NOT NULL on \(name).\(column)")
            }
            rules[table] = new
        }

        locks = nowLocks
        relations = nowRelations
        scans = nowScans
    }

    private func relationLocks(_ locks: Set<RehearsalCatalog.Lock>) -> [RelationLock] {
        locks.compactMap { lock -> RelationLock? in
            guard let relation = before[lock.oid], let table = before[relation.tableOID] else { return nil }
            return RelationLock(relation: relation.name, table: table.name, mode: lock.mode, blocks: lock.mode.blocks)
        }.sorted { ($0.table, $0.relation, $0.mode) < ($1.table, $1.relation, $1.mode) }
    }

    private func heldLocks(_ locks: Set<RehearsalCatalog.Lock>) -> [RelationLock] {
        relationLocks(locks.filter { before[$0.oid] != nil })
    }

    private static func note(for command: MigrationStatement.NonTransactional) -> NonTransactionalNote {
        NonTransactionalNote(
            command: command.rawValue, lock: command.lockTaken,
            migratorFails: "PostgreSQL refuses \(command.rawValue) inside a transaction block, and drizzle's migrator runs every pending migration in one: the apply fails at this statement (drizzle-orm #860)")
    }

    /// Errors after which the transaction cannot go on (a cancel, a lost connection): not the statement's fault.
    private static func endsTheRehearsal(_ error: PostgresServerError) -> Bool {
        error.sqlState == "57014" && error.message.contains("user request") || error.severity == "FATAL" || error.severity == "PANIC"
    }
}
