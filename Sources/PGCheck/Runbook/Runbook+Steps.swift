import Foundation
import Logging
import PGCatalog
import PGDiff
import PostgresWire
import PGSupport

extension Runbook {
    func snapshotStep(pre: Bool) throws -> (String, [String]) {
        let session = try CatalogSession(connection: try reader(), options: CatalogSession.Options(statementTimeout: plan.readTimeout))
        let result = try SnapshotCapture.capture(session: session)
        try session.finish()
        let artefact = try evidence.record(try result.snapshot.encodedJSON(), as: pre ? plan.names.preSnapshot : plan.names.postSnapshot)
        if pre { preSnapshot = result.snapshot } else { postSnapshot = result.snapshot }
        let warnings = result.warnings.isEmpty ? "" : "; warnings: " + result.warnings.map(\.message).joined(separator: "; ")
        return ("\(result.snapshot.tables.count) tables, \(result.snapshot.indexes.count) indexes\(warnings)", [artefact.name])
    }

    func migrationStatusStep() throws -> (String, [String]) {
        guard let folderURL = plan.migrationsFolder else { return ("no migrations folder given; skipped", []) }
        let folder = try DrizzleMigrationFolder(url: folderURL)
        let status = DrizzleStatus(folder: folder, ledger: try readOnly { try DrizzleLedger.read($0, at: plan.ledger) })
        let text = status.text
        let artefact = try evidence.record(text, as: plan.names.migrationStatus)
        let pending = status.pending.map(\.tag)
        summaryLines.append("- migrations pending before apply: \(pending.isEmpty ? "none" : pending.joined(separator: ", ")) (`\(artefact.name)`)")
        if status.hasProblems {
            throw RunbookStepFailed(
                detail: "the migration history needs attention before applying (edited, skipped or unknown migrations): see \(artefact.name)",
                artefacts: [artefact.name], failure: .checkFailed)
        }
        return ("\(pending.count) pending: \(pending.joined(separator: ", "))", [artefact.name])
    }

    func logEntryStep() throws -> (String, [String]) {
        let entry = RunbookLog.start(
            plan: plan, at: Date(), preSnapshot: plan.names.preSnapshot, pgcheckVersion: PGCheckVersion.current, rehearsal: rehearsalLines)
        let artefact = try evidence.appendToLog(entry)
        return ("operator \(plan.operatorName), appended to \(plan.names.log)", [artefact.name])
    }

    func applyStep() throws -> (String, [String]) {
        let checked = try activityCheck()
        if plan.dryRun {
            summaryLines.append("- apply: skipped (--dry-run)")
            return ("skipped (--dry-run)", checked)
        }
        let (detail, artefacts) = switch plan.apply {
        case .native(let folderURL, let throughTag): try nativeApply(folderURL: folderURL, throughTag: throughTag)
        case .command(let command): try commandApply(command)
        }
        return (detail, checked + artefacts)
    }

    /// The touched tables' activity before the apply, recorded; busy tables halt the run unless overridden.
    private func activityCheck() throws -> [String] {
        guard let check = plan.applyPolicy.activity, let folderURL = plan.migrationsFolder else { return [] }
        let folder = try DrizzleMigrationFolder(url: folderURL)
        let throughTag: String? = if case .native(_, let tag) = plan.apply { tag } else { nil }
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(try reader(), at: plan.ledger))
        let pending = try DrizzleMigrator(ledger: plan.ledger).plan(folder: folder, status: status, through: throughTag)
        guard !pending.isEmpty else { return [] }
        let report = try check.run(for: pending, on: try reader())
        let overridden = !report.isQuiet && plan.applyPolicy.ignoreActivity
        let text = report.text + (overridden ? "applied anyway: overridden by \(plan.operatorName) (--ignore-activity)\n" : "")
        let artefact = try evidence.record(text, as: plan.names.activityCheck)
        summaryLines.append("- activity check: \(report.isQuiet ? "quiet" : overridden ? "busy, overridden by \(plan.operatorName) (--ignore-activity)" : "busy") (`\(artefact.name)`)")
        if !report.isQuiet && !overridden {
            throw RunbookStepFailed(detail: TablesNotQuiet(report: report).description, artefacts: [artefact.name], failure: .checkFailed)
        }
        return [artefact.name]
    }

    private func nativeApply(folderURL: URL, throughTag: String?) throws -> (String, [String]) {
        let folder = try DrizzleMigrationFolder(url: folderURL)
        // The server's notices during the apply (CREATE ... IF NOT EXISTS skipping) belong in the push log, not on the terminal.
        let notices = NoticeCollector()
        var quiet = Logger(label: "pgcheck.runbook")
        quiet.logLevel = .warning
        let writer = try PostgresConnection.connect(
            plan.configuration, options: SessionOptions(lockTimeout: plan.lockTimeout, noticeHandler: { notices.add($0) }, logger: quiet))
        defer { writer.close() }
        try writer.refuseTransactionPooler(for: "the runbook's apply")
        var migrator = plan.applyPolicy.configure(DrizzleMigrator(ledger: plan.ledger, lockTimeout: plan.lockTimeout))
        let progress = NoticeCollector()
        migrator.progress = { progress.add($0) }
        let migrations = try migrator.plan(folder: folder, status: DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(writer, at: plan.ledger)), through: throughTag)
        let segments = ApplySegment.plan(migrations).count
        let semantics = segments > 1 ? "\(segments) segments: statements that cannot run in a transaction on their own" : "drizzle migrator semantics: one transaction"
        var log = "pgcheck \(PGCheckVersion.current) native apply (\(semantics), ledger \(plan.ledger.schema).\(plan.ledger.table), lock_timeout \(Figures.seconds(plan.lockTimeout.inSeconds)), \(plan.applyPolicy.lockRetries) retries)\n"
        log += "database: \(plan.configuration.redactedDescription)\n"
        for migration in migrations { log += "-- \(migration.tag) (\(migration.statements.count) statements, sha256 \(migration.hash))\n" }
        do {
            let applied = try migrator.apply(migrations, on: writer)
            log += progress.lines
            log += notices.lines
            log += applied.isEmpty ? "nothing to apply\n" : "COMMIT: applied \(applied.joined(separator: ", "))\n"
            let artefact = try evidence.record(log, as: plan.names.applyLog)
            summaryLines.append("- apply: native, \(applied.isEmpty ? "nothing pending" : applied.joined(separator: ", ")) (`\(artefact.name)`)")
            return (applied.isEmpty ? "nothing pending" : "applied \(applied.joined(separator: ", "))", [artefact.name])
        } catch {
            log += progress.lines
            log += notices.lines
            log += "ROLLBACK: \(error)\n"
            let artefact = try evidence.record(log, as: plan.names.applyLog)
            throw RunbookStepFailed(detail: "\(error)", artefacts: [artefact.name], failure: FailureKind.of(error))
        }
    }

    private func commandApply(_ command: String) throws -> (String, [String]) {
        let run = try ExternalCommand.run(command, databaseURL: plan.databaseURL)
        let secrets = [plan.configuration.password].compactMap { $0 }
        let output = secrets.reduce(run.output) { $0.replacingOccurrences(of: $1, with: "********") }
        let log = "$ \(command)\n\(output)\(output.hasSuffix("\n") || output.isEmpty ? "" : "\n")exit status \(run.status)\n"
        let artefact = try evidence.record(log, as: plan.names.applyLog)
        summaryLines.append("- apply: `\(command)` exited \(run.status) (`\(artefact.name)`)")
        guard run.status == 0 else {
            throw RunbookStepFailed(detail: "`\(command)` exited with status \(run.status); its output is in \(artefact.name)", artefacts: [artefact.name], failure: .server)
        }
        return ("`\(command)` exited 0", [artefact.name])
    }

    func diffStep() throws -> (String, [String]) {
        guard let preSnapshot, let postSnapshot else { throw RunbookStepFailed(detail: "no snapshots to compare", artefacts: [], failure: .badInput) }
        let diff = try SnapshotDiff(from: preSnapshot, to: postSnapshot)
        diffText = TextDiffRenderer().render(diff)
        let artefact = try evidence.record(diffText.isEmpty ? "no structural differences\n" : diffText, as: plan.names.diff)
        summaryLines.append("- structural diff: \(diff.changes.count) change(s) (`\(artefact.name)`)")
        return ("\(diff.changes.count) change(s)", [artefact.name])
    }

    func describeStep() throws -> (String, [String]) {
        var artefacts: [String] = []
        for table in plan.describeTables {
            let session = try CatalogSession(connection: try reader(), options: CatalogSession.Options(statementTimeout: plan.readTimeout, searchPath: nil))
            let text = try RelationDescriber(session: session).describe(table).psqlText
            try session.finish()
            artefacts.append(try evidence.record(text, as: plan.names.describe(table)).name)
        }
        if !artefacts.isEmpty { summaryLines.append("- \\d+ captured: " + artefacts.map { "`\($0)`" }.joined(separator: ", ")) }
        return (artefacts.isEmpty ? "no tables named" : "\(artefacts.count) table(s)", artefacts)
    }

    func verifyStep() throws -> (String, [String]) {
        guard !plan.expectations.isEmpty else { return ("no expectations given", []) }
        guard let postSnapshot else { throw RunbookStepFailed(detail: "no post-apply snapshot", artefacts: [], failure: .badInput) }
        let report = SchemaVerifier(snapshot: postSnapshot).verify(plan.expectations, source: plan.names.postSnapshot)
        verifyText = report.text
        let artefact = try evidence.record(report.text, as: plan.names.verify)
        let line = "\(report.summary.passed) passed, \(report.summary.failed) failed"
        summaryLines.append("- verify: \(line) (`\(artefact.name)`)")
        guard report.passed else { throw RunbookStepFailed(detail: "expectations failed: \(line); see \(artefact.name)", artefacts: [artefact.name], failure: .checkFailed) }
        return (line, [artefact.name])
    }

    func smokeStep() throws -> (String, [String]) {
        guard !plan.smokeQueries.isEmpty else { return ("no smoke queries given", []) }
        let results = try RunbookSmoke.run(plan.smokeQueries, connection: try reader(), limits: SmokeLimits(statementTimeout: plan.readTimeout), evidence: evidence, names: plan.names)
        var artefacts: [String] = []
        var failures: [String] = []
        var lines: [String] = []
        for (result, artefact) in results {
            artefacts.append(artefact)
            lines.append("\(result.name): \(result.outcome.rowCount) row(s)")
            for verdict in result.verdicts {
                lines.append("  \(verdict)")
                if !verdict.passed { failures.append("\(result.name): \(verdict.expectation)") }
            }
            let passed = result.verdicts.filter(\.passed).count
            summaryLines.append("- smoke \(result.name): \(passed)/\(result.verdicts.count) expectation(s) hold (`\(artefact)`)")
        }
        smokeText = lines.joined(separator: "\n") + "\n"
        guard failures.isEmpty else {
            throw RunbookStepFailed(detail: "smoke expectations failed: \(failures.joined(separator: "; "))", artefacts: artefacts, failure: .checkFailed)
        }
        return ("\(results.count) quer\(results.count == 1 ? "y" : "ies"), all expectations hold", artefacts)
    }

    func summaryStep() throws -> (String, [String]) {
        let artefact = try evidence.appendToLog(RunbookLog.summary(label: plan.label, lines: summaryLines, at: Date()))
        return ("appended to \(plan.names.log)", [artefact.name])
    }
}

/// Gathers the server's notices for the push log.
final class NoticeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    func add(_ notice: PostgresNotice) { add("\(notice.severity): \(notice.message)") }

    func add(_ line: String) { lock.withLock { collected.append(line) } }

    var lines: String { lock.withLock { collected.map { $0 + "\n" }.joined() } }
}
