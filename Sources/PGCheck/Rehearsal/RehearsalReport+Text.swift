extension RehearsalReport {
    /// The report for a terminal: a timeline of the statements with what each took and locked, what
    /// each table would wait, then the hazards with their advice.
    public var text: String {
        var lines: [String] = []
        lines.append("Rehearsal of \(migrations.joined(separator: ", ")) on \(database) (PostgreSQL \(serverVersion))")
        lines.append(Self.transactionsLine(transactions) + "; rolled back: \(rolledBack ? "yes" : "NO")")
        lines.append("")
        lines.append("Timeline (every lock is held until its transaction commits):")
        var elapsed = 0.0
        for (index, statement) in statements.enumerated() {
            if index > 0, statements[index - 1].transaction != statement.transaction {
                lines.append("  \(Self.clock(elapsed))  commit (transaction \(statements[index - 1].transaction))")
            }
            lines.append("  \(Self.clock(elapsed))  \(statement.reference)  \(Self.outcomeWord(statement))  \(Figures.seconds(statement.seconds))  \(statement.summary)")
            for line in Self.details(of: statement) { lines.append("              \(line)") }
            elapsed += statement.seconds
        }
        lines.append("  \(Self.clock(elapsed))  commit\(transactions.count > 1 ? " (transaction \(transactions.count))" : "") (rehearsal: rolled back)")
        if !tables.isEmpty {
            lines.append("")
            lines.append("Tables that existed before, as other sessions would see them until the commit:")
            for table in tables {
                var line = "  \(table.table) (\(table.bytes.map(Figures.bytes) ?? "size unknown")\(Figures.rows(table.estimatedRows))): strongest lock \(table.strongestLock.sqlName)"
                if let from = table.readsBlockedFrom {
                    line += "; reads and writes blocked from \(from) for \(Figures.seconds(table.readsBlockedSeconds))"
                } else if let from = table.writesBlockedFrom {
                    line += "; writes blocked from \(from) for \(Figures.seconds(table.writesBlockedSeconds))"
                } else {
                    line += "; reads and writes go on"
                }
                lines.append(line)
            }
        }
        lines.append("")
        if hazards.isEmpty {
            lines.append("No hazards: no table that existed before is blocked for more than \(Figures.seconds(maxBlockedSeconds)), nothing is rewritten, nothing fails.")
        } else {
            lines.append("\(hazards.count) hazard\(hazards.count == 1 ? "" : "s"):")
            for hazard in hazards {
                lines.append("  [\(hazard.kind.rawValue)] \(hazard.statement): \(hazard.finding)")
                lines.append("      safer: \(hazard.advice)")
            }
            lines.append("")
            lines.append("Accept a kind on purpose with --accept-hazard KIND (the runbook records who accepted it).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same facts for a pull-request comment.
    public var markdown: String {
        var lines: [String] = []
        lines.append("### Lock rehearsal: \(migrations.joined(separator: ", "))")
        lines.append("")
        lines.append("On `\(database)` (PostgreSQL \(serverVersion)): \(Self.transactionsLine(transactions)); rolled back. Every lock is held until its transaction commits.")
        lines.append("")
        lines.append("| # | statement | took | locks taken on existing tables | notes |")
        lines.append("| --- | --- | ---: | --- | --- |")
        for statement in statements {
            let locks = statement.acquired.map { "\($0.mode.sqlName) on `\($0.relation)` (blocks \($0.blocks.words))" }.joined(separator: "<br>")
            lines.append("| \(statement.reference) | `\(Self.cell(statement.summary))` | \(Figures.seconds(statement.seconds)) | \(locks.isEmpty ? "—" : locks) | \(Self.cell(Self.details(of: statement).filter { !$0.hasPrefix("locks ") }.joined(separator: "; "))) |")
        }
        if !tables.isEmpty {
            lines.append("")
            lines.append("| table | size | reads blocked | writes blocked |")
            lines.append("| --- | ---: | --- | --- |")
            for table in tables {
                let reads = table.readsBlockedFrom.map { "\(Figures.seconds(table.readsBlockedSeconds)) from \($0)" } ?? "no"
                let writes = table.writesBlockedFrom.map { "\(Figures.seconds(table.writesBlockedSeconds)) from \($0)" } ?? "no"
                lines.append("| `\(table.table)` | \(table.bytes.map(Figures.bytes) ?? "?") | \(reads) | \(writes) |")
            }
        }
        lines.append("")
        if hazards.isEmpty {
            lines.append("**No hazards.**")
        } else {
            lines.append("**\(hazards.count) hazard\(hazards.count == 1 ? "" : "s")**")
            lines.append("")
            for hazard in hazards {
                lines.append("- **\(hazard.kind.rawValue)** (\(hazard.statement)): \(Self.cell(hazard.finding))  ")
                lines.append("  _Safer:_ \(Self.cell(hazard.advice))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func transactionsLine(_ transactions: [TransactionSpan]) -> String {
        guard transactions.count > 1 else {
            return "one transaction, as drizzle's migrator runs it (\(Figures.seconds(transactions.first?.seconds ?? 0)) to the commit)"
        }
        return "\(transactions.count) transactions, as `pgcheck migrations apply --allow-nontransactional` runs them (drizzle's migrator fails at the first statement that cannot run in a transaction)"
    }

    private static func details(of statement: StatementTrace) -> [String] {
        var lines: [String] = []
        if !statement.acquired.isEmpty {
            lines.append("locks " + statement.acquired.map { "\($0.mode.sqlName) on \($0.relation) (blocks \($0.blocks.words))" }.joined(separator: ", "))
        }
        if let note = statement.nonTransactional {
            lines.append(statement.outcome == .standIn
                ? "cannot run in a transaction; measured with the same statement without CONCURRENTLY; run on its own it takes \(note.lock)"
                : "cannot run in a transaction: not run; run on its own it takes \(note.lock)")
        }
        for rewrite in statement.rewrites { lines.append("rewrites \(rewrite.relation) (\(Figures.bytes(rewrite.bytes)))") }
        for index in statement.builtIndexes { lines.append("builds \(index.index) on \(index.table) (\(Figures.count(index.rowsRead)) rows read)") }
        for scan in statement.scans {
            lines.append("reads \(Figures.count(scan.rowsRead)) rows of \(scan.table)\(scan.underLock.map { " under \($0.sqlName)" } ?? "")")
        }
        if !statement.validated.isEmpty { lines.append("validates " + statement.validated.joined(separator: ", ")) }
        if let error = statement.error {
            lines.append("FAILED: \(error.message) (SQLSTATE \(error.sqlState))\(error.detail.map { "; \($0)" } ?? "")")
        }
        if let problem = statement.dataProblem, !Figures.problem(problem).isEmpty {
            lines.append("in the data" + Figures.problem(problem))
        }
        return lines
    }

    private static func outcomeWord(_ statement: StatementTrace) -> String {
        switch statement.outcome {
        case .ran: "ran    "
        case .failed: "FAILED "
        case .standIn: "stand-in"
        case .notRun: "not run"
        }
    }

    /// `m:ss.ss` since the first statement.
    private static func clock(_ seconds: Double) -> String {
        let minutes = Int(seconds / 60)
        let rest = Figures.seconds(seconds - Double(minutes * 60)).replacingOccurrences(of: " s", with: "")
        return "\(minutes):\(rest.count < 5 ? "0" : "")\(rest)"
    }

    /// Text safe inside a Markdown table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
