/// What the statement traces add up to: how long each table would be blocked (every lock is held until
/// the last pending migration commits), and the hazards with their advice.
enum RehearsalFindings {
    /// The transactions the statements commit in (each trace's ``StatementTrace/transaction``).
    static func transactions(of traces: [StatementTrace]) -> [TransactionSpan] {
        Dictionary(grouping: traces, by: \.transaction).sorted { $0.key < $1.key }.map { _, group in
            TransactionSpan(first: group[0].reference, last: group[group.count - 1].reference, statements: group.count,
                            seconds: Figures.sum(group.map(\.seconds)))
        }
    }

    /// Per table that existed before and that a statement locked, the longest stretch reads and writes
    /// are blocked: from the statement that takes the lock to its transaction's commit.
    static func tableBlocking(traces: [StatementTrace], sizes: [String: RelationSize]) -> [TableBlocking] {
        var tables: [String: TableBlocking] = [:]
        // Seconds from the start of each statement to its transaction's commit.
        let remaining = traces.indices.map { index in
            Figures.sum(traces[index...].prefix { $0.transaction == traces[index].transaction }.map(\.seconds))
        }
        // What each table is already blocked for within the current transaction.
        var blockedInTransaction: [String: LockMode.Blocks] = [:]
        var transaction = 0
        for (index, trace) in traces.enumerated() {
            if trace.transaction != transaction {
                transaction = trace.transaction
                blockedInTransaction = [:]
            }
            for lock in trace.acquired {
                var table = tables[lock.table] ?? TableBlocking(
                    table: lock.table, bytes: sizes[lock.table]?.bytes, estimatedRows: sizes[lock.table]?.estimatedRows,
                    strongestLock: lock.mode, readsBlockedFrom: nil, readsBlockedSeconds: 0, writesBlockedFrom: nil, writesBlockedSeconds: 0)
                table.strongestLock = max(table.strongestLock, lock.mode)
                let already = blockedInTransaction[lock.table]
                if lock.blocks >= .writes, already.map({ $0 < .writes }) ?? true,
                   table.writesBlockedFrom == nil || remaining[index] > table.writesBlockedSeconds {
                    table.writesBlockedFrom = trace.reference
                    table.writesBlockedSeconds = remaining[index]
                }
                if lock.blocks == .readsAndWrites, already != .readsAndWrites,
                   table.readsBlockedFrom == nil || remaining[index] > table.readsBlockedSeconds {
                    table.readsBlockedFrom = trace.reference
                    table.readsBlockedSeconds = remaining[index]
                }
                blockedInTransaction[lock.table] = max(already ?? lock.blocks, lock.blocks)
                tables[lock.table] = table
            }
        }
        return tables.values.sorted { $0.table < $1.table }
    }

    /// Every hazard, in statement order.
    static func hazards(traces: [StatementTrace], tables: [TableBlocking], maxBlocked: Double) -> [RehearsalHazard] {
        var hazards: [RehearsalHazard] = []
        for (index, trace) in traces.enumerated() {
            let earlier = traces[..<index].filter { $0.migration == trace.migration }.map(\.sql)
            hazards += blocking(at: index, traces: traces, tables: tables, maxBlocked: maxBlocked)
            if let note = trace.nonTransactional {
                hazards.append(RehearsalHazard(
                    kind: .nonTransactional, statement: trace.reference, table: nil,
                    finding: "\(note.command) cannot run inside a transaction: \(note.migratorFails). When run on its own it takes \(note.lock).",
                    advice: RehearsalAdvice.runOutsideTheTransaction))
            }
            if let first = trace.rewrites.first {
                let described = trace.rewrites.map { "\($0.relation) (\(Figures.bytes($0.bytes))\(Figures.rows($0.estimatedRows)))" }
                hazards.append(RehearsalHazard(
                    kind: .rewrite, statement: trace.reference, table: first.relation,
                    finding: "rewrites \(described.joined(separator: " and ")) under ACCESS EXCLUSIVE in \(Figures.seconds(trace.seconds)) here: reads and writes wait for the whole rewrite",
                    advice: RehearsalAdvice.rewrite(trace.sql)))
            }
            if trace.outcome == .ran {
                for index in trace.builtIndexes where index.rowsRead > 0 {
                    let size = tables.first { $0.table == index.table }.map { "\($0.bytes.map(Figures.bytes) ?? "size unknown")\(Figures.rows($0.estimatedRows)), " } ?? ""
                    hazards.append(RehearsalHazard(
                        kind: .indexBuild, statement: trace.reference, table: index.table,
                        finding: "\(index.index) is built without CONCURRENTLY on \(index.table) (\(size)\(Figures.seconds(trace.seconds)) to build here): writes to \(index.table) wait for the build",
                        advice: RehearsalAdvice.indexBuild(trace.sql, earlier: earlier)))
                }
            }
            let lockedScans = trace.scans.filter { ($0.underLock?.blocks ?? .otherDDL) >= .writes }
            if !trace.validated.isEmpty, let first = lockedScans.first {
                let scans = lockedScans.map { "\(Figures.count($0.rowsRead)) rows of \($0.table) under \($0.underLock!.sqlName) (\($0.underLock!.blocks.words) wait)" }
                hazards.append(RehearsalHazard(
                    kind: .validationUnderLock, statement: trace.reference, table: first.table,
                    finding: "\(trace.validated.joined(separator: ", ")) validated by reading \(scans.joined(separator: " and ")), \(Figures.seconds(trace.seconds)) here",
                    advice: RehearsalAdvice.validation(trace.sql, validated: trace.validated)))
            }
            if trace.outcome == .failed, let error = trace.error {
                if let problem = trace.dataProblem {
                    hazards.append(RehearsalHazard(
                        kind: .dataFailure, statement: trace.reference, table: problem.table.isEmpty ? nil : problem.table,
                        finding: "fails on the rehearsal data: \(error.message)\(Figures.problem(problem)) (SQLSTATE \(error.sqlState))",
                        advice: RehearsalAdvice.dataFailure(problem)))
                } else {
                    hazards.append(RehearsalHazard(
                        kind: .statementFailed, statement: trace.reference, table: nil,
                        finding: "fails: \(error.message)\(error.detail.map { " (\($0))" } ?? "") (SQLSTATE \(error.sqlState))",
                        advice: "fix the statement; the migration fails here and everything before it in the transaction is rolled back"))
                }
            }
        }
        return hazards
    }

    /// The blocking hazards that start at statement `index`: reads blocked too long, else writes.
    private static func blocking(at index: Int, traces: [StatementTrace], tables: [TableBlocking], maxBlocked: Double) -> [RehearsalHazard] {
        let trace = traces[index]
        let later = traces[(index + 1)...].prefix { $0.transaction == trace.transaction }.count
        var hazards: [RehearsalHazard] = []
        for table in tables {
            let size = "\(table.bytes.map(Figures.bytes) ?? "size unknown")\(Figures.rows(table.estimatedRows))"
            if table.readsBlockedFrom == trace.reference, table.readsBlockedSeconds > maxBlocked {
                hazards.append(RehearsalHazard(
                    kind: .blocksReads, statement: trace.reference, table: table.table,
                    finding: "ACCESS EXCLUSIVE on \(table.table) from \(trace.reference) (\(trace.summary)) to the commit: reads and writes of \(table.table) (\(size)) wait \(Figures.seconds(table.readsBlockedSeconds)) on the rehearsal data, longer than \(Figures.seconds(maxBlocked))",
                    advice: RehearsalAdvice.blocking(trace.sql, laterStatements: later)))
            } else if table.readsBlockedFrom == nil || table.readsBlockedSeconds <= maxBlocked,
                      table.writesBlockedFrom == trace.reference, table.writesBlockedSeconds > maxBlocked {
                let mode = trace.acquired.filter { $0.table == table.table }.map(\.mode).max().map(\.sqlName) ?? "a lock"
                hazards.append(RehearsalHazard(
                    kind: .blocksWrites, statement: trace.reference, table: table.table,
                    finding: "\(mode) on \(table.table) from \(trace.reference) (\(trace.summary)) to the commit: writes to \(table.table) (\(size)) wait \(Figures.seconds(table.writesBlockedSeconds)) on the rehearsal data, longer than \(Figures.seconds(maxBlocked))",
                    advice: RehearsalAdvice.blocking(trace.sql, laterStatements: later)))
            }
        }
        return hazards
    }
}

/// Figures as reports write them.
enum Figures {
    /// A duration in seconds, to the millisecond (what a rehearsal's timing can tell apart).
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.roundedUpMilliseconds) / 1000
    }

    /// A sum of such seconds, still to the millisecond.
    static func sum(_ seconds: [Double]) -> Double {
        Double(seconds.reduce(Int64(0)) { $0 + Int64(($1 * 1000).rounded()) }) / 1000
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? "\(rounded(value, 2)) s" : "\(rounded(value, 1)) s"
    }

    static func bytes(_ value: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) bytes" : "\(rounded(amount, amount < 10 ? 1 : 0)) \(units[unit])"
    }

    static func rows(_ estimate: Int64?) -> String {
        estimate.map { ", about \(count($0)) rows" } ?? ""
    }

    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func problem(_ problem: DataProblem) -> String {
        var parts: [String] = []
        switch problem.kind {
        case .duplicateKeys:
            if let groups = problem.groups, let rows = problem.rows { parts.append("\(count(groups)) duplicated keys over \(count(rows)) rows") }
            if let key = problem.sampleKey { parts.append("for example (\(problem.columns ?? "key"))=\(key)") }
        case .nulls:
            if let rows = problem.rows { parts.append("\(count(rows)) rows have NULL in \(problem.columns ?? "the column")") }
        case .checkViolations:
            if let rows = problem.rows { parts.append("\(count(rows)) rows violate \(problem.columns ?? "the constraint")") }
        case .missingReferences:
            if let rows = problem.rows { parts.append("\(count(rows)) rows have no referenced row") }
            if let key = problem.sampleKey { parts.append("for example (\(problem.columns ?? "key"))=\(key)") }
        case .badValues:
            if let key = problem.sampleKey { parts.append(key) }
        }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")
    }

    private static func rounded(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = Int64(scaled / scale)
        guard digits > 0 else { return String(whole) }
        let fraction = String(Int64(scaled) - whole * Int64(scale))
        return "\(whole).\(String(repeating: "0", count: max(0, digits - fraction.count)))\(fraction)"
    }
}
