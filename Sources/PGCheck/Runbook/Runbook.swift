import Foundation
import PGCatalog
import PGDiff
import PostgresWire
import PGSupport

/// The staging runbook as one audited run: snapshot, status, lock rehearsal, log, apply, snapshot, diff,
/// `\d+`, verify, smoke, summary — each step writing its artefact atomically into the evidence folder and chaining its
/// SHA-256. A failed step stops the run; the apply log says which step and why, and every artefact
/// written so far stays intact.
public final class Runbook {
    let plan: RunbookPlan
    let evidence: EvidenceFolder
    private var results: [RunbookStepResult] = []
    private weak var observer: (any RunbookObserver)?
    private var readConnection: PostgresConnection?
    var preSnapshot: Snapshot?
    var postSnapshot: Snapshot?
    var diffText = ""
    var verifyText = ""
    var smokeText = ""
    var rehearsalText = ""
    var summaryLines: [String] = []
    /// What the lock rehearsal found and who accepted which hazards, for the apply-log entry.
    var rehearsalLines: [String] = []

    /// Prepares a run; creates the evidence folder.
    public init(plan: RunbookPlan) throws {
        self.plan = plan
        let secrets = [plan.configuration.password].compactMap { $0 } + plan.configuration.endpoints.compactMap {
            plan.configuration.lookUpPassword(for: $0).password
        }
        evidence = try EvidenceFolder(url: plan.evidence, chainName: plan.names.chain, logName: plan.names.log, secrets: secrets)
    }

    /// Runs every step in order, stopping at the first failure.
    public func run(observer: (any RunbookObserver)? = nil) -> RunbookOutcome {
        self.observer = observer
        defer { readConnection?.close() }
        let steps: [(RunbookStep, () throws -> (String, [String]))] = [
            (.preSnapshot, { try self.snapshotStep(pre: true) }),
            (.migrationStatus, migrationStatusStep),
            (.preDrift, { try self.driftStep(pre: true) }),
            (.rehearse, rehearsalStep),
            (.logEntry, logEntryStep),
            (.apply, applyStep),
            (.postSnapshot, { try self.snapshotStep(pre: false) }),
            (.postDrift, { try self.driftStep(pre: false) }),
            (.diff, diffStep),
            (.describe, describeStep),
            (.verify, verifyStep),
            (.smoke, smokeStep),
            (.summary, summaryStep),
        ]
        for (step, body) in steps {
            guard perform(step, body) else {
                recordHalt()
                break
            }
        }
        return RunbookOutcome(steps: results, evidence: plan.evidence.path, diffText: diffText, verifyText: verifyText, smokeText: smokeText, rehearsalText: rehearsalText)
    }

    /// Runs one step, timing it and turning a thrown error into a failed result.
    private func perform(_ step: RunbookStep, _ body: () throws -> (String, [String])) -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        let result: RunbookStepResult
        do {
            let (detail, artefacts) = try body()
            result = RunbookStepResult(step: step, succeeded: true, duration: clock.now - started, detail: detail, artefacts: artefacts, failure: nil)
        } catch let failed as RunbookStepFailed {
            result = RunbookStepResult(step: step, succeeded: false, duration: clock.now - started, detail: failed.detail, artefacts: failed.artefacts, failure: failed.failure)
        } catch {
            result = RunbookStepResult(step: step, succeeded: false, duration: clock.now - started, detail: "\(error)", artefacts: [], failure: FailureKind.of(error))
        }
        results.append(result)
        observer?.stepFinished(result)
        return result.succeeded
    }

    /// The connection shared by snapshots, status, describe and smoke, each of which reads in its own
    /// `READ ONLY` transaction with `SET LOCAL` timeouts (``readOnly(_:)``, `CatalogSession`, `SmokeRunner`).
    func reader() throws -> PostgresConnection {
        if let readConnection, !readConnection.isClosed { return readConnection }
        let connection = try PostgresConnection.connect(
            plan.configuration,
            // The read timeout is the client's own guard against a server or network that goes silent:
            // a little longer than statement_timeout, which the server enforces first.
            options: SessionOptions(readTimeout: plan.readTimeout + .seconds(15)))
        readConnection = connection
        return connection
    }

    /// Runs `body` on the reader inside a read-only transaction with the run's statement timeout.
    func readOnly<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        let connection = try reader()
        return try ReadOnlyTransaction.run(on: connection, statementTimeout: plan.readTimeout) { try body(connection) }
    }

    /// Appends the halt notice to the apply log, unless the log itself is what failed.
    private func recordHalt() {
        guard let failed = results.last, !failed.succeeded, failed.step != .logEntry else { return }
        let entry = RunbookLog.halt(label: plan.label, step: failed.step, reason: failed.detail, at: Date(), artefacts: results.flatMap(\.artefacts))
        _ = try? evidence.appendToLog(entry)
    }
}

/// A step's own failure: a check that did not hold, with the artefacts it still wrote.
struct RunbookStepFailed: ClassifiedError {
    let detail: String
    let artefacts: [String]
    let failure: FailureKind

    var failureKind: FailureKind { failure }
}
