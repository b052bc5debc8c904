import Foundation
import PGCatalog
@testable import PGCheck
@testable import PGCheckCLI
import PGDiff
import PGLocal
import PGSupport
import PostgresWire
import Testing

/// The one mapping from kinds of failure to the README's exit statuses, for an error of every type the
/// libraries and the command line throw. (`ExitStatusThroughTheCLITests` runs the built `pgcheck` for
/// each type a user can provoke.)
@Suite struct ExitStatusMappingTests {
    /// One error, the type it stands for (as `Module/Name`, the way the source scan below names it),
    /// and the status the README documents for it.
    struct Sample: CustomTestStringConvertible, Sendable {
        let type: String
        let error: any Error & Sendable
        let status: Int32
        var testDescription: String { "\(type): \(error) → \(status)" }
    }

    static let serverFields = ErrorNoticeFields([UInt8(ascii: "S"): "ERROR", UInt8(ascii: "C"): "57014", UInt8(ascii: "M"): "canceling statement due to statement timeout"])

    static let samples: [Sample] = [
        Sample(type: "PGSupport/Failure", error: AtomicFile.Failure(path: "/x/out.json", reason: "cannot create a temporary file in /x"), status: 2),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.configuration, "invalid sslmode"), status: 2),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.resolve, "no such host"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.connect, "connection refused"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.tls, "certificate verify failed"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.authentication, "wrong proof"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.startup, "no ReadyForQuery"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.io, "connection reset"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.protocolViolation, "unexpected message"), status: 3),
        Sample(type: "PostgresWire/ClientError", error: ClientError(.query, "the result has no column \"x\""), status: 4),
        Sample(type: "PostgresWire/PostgresServerError", error: PostgresServerError(fields: serverFields, phase: .query), status: 4),
        Sample(type: "PostgresWire/PostgresServerError", error: PostgresServerError(fields: serverFields, phase: .authentication), status: 3),
        Sample(type: "PostgresWire/PostgresDecodingError", error: PostgresDecodingError(swiftType: "Int16", postgresType: 23, format: .binary, reason: "too large"), status: 2),
        Sample(type: "PostgresWire/TransactionPoolerRefusal", error: TransactionPoolerRefusal(evidence: TransactionPoolerEvidence(endpoint: Endpoint(host: "ep-x-pooler.neon.tech"), signal: .hostName), work: "migrations apply"), status: 2),
        Sample(type: "PGCatalog/SnapshotDecodingError", error: SnapshotDecodingError.truncated, status: 2),
        Sample(type: "PGCatalog/DescribeError", error: DescribeError.relationNotFound("nosuch"), status: 2),
        Sample(type: "PGCatalog/DescribeError", error: DescribeError.unsupportedServer(90600), status: 2),
        Sample(type: "PGCatalog/DescribeError", error: DescribeError.unexpectedCatalog("no row"), status: 4),
        Sample(type: "PGDiff/DiffDocumentError", error: DiffDocumentError.unsupportedFormatVersion(9), status: 2),
        Sample(type: "PGCheck/VerifyError", error: VerifyError.invalidRequest("nothing to verify"), status: 2),
        Sample(type: "PGCheck/Verdict", error: Verdict(passed: false, reason: "no index"), status: 1),
        Sample(type: "PGCheck/FingerprintError", error: FingerprintError.incomparable("other table"), status: 2),
        Sample(type: "PGCheck/SmokeError", error: SmokeError.invalidRequest("nothing to run"), status: 2),
        Sample(type: "PGCheck/SmokeError", error: SmokeError.statementTimeout(query: "q", seconds: 1), status: 4),
        Sample(type: "PGCheck/SmokeError", error: SmokeError.lockTimeout(query: "q", seconds: 1), status: 4),
        Sample(type: "PGCheck/SmokeError", error: SmokeError.readOnlyViolation(query: "q", PostgresServerError(fields: serverFields, phase: .query)), status: 4),
        Sample(type: "PGCheck/SmokeExpectationSyntaxError", error: SmokeExpectationSyntaxError(text: "a ==", position: 3, problem: "no value"), status: 2),
        Sample(type: "PGCheck/DrizzleError", error: DrizzleError.badInput("no journal"), status: 2),
        Sample(type: "PGCheck/DrizzleError", error: DrizzleError.refused("CONCURRENTLY"), status: 2),
        Sample(type: "PGCheck/DrizzleError", error: DrizzleError.statementFailed(tag: "0003", statementNumber: 1, statement: "x", serverError: "y"), status: 4),
        Sample(type: "PGCheck/EvidenceError", error: EvidenceError.secretInArtefact("a.txt"), status: 2),
        Sample(type: "PGCheck/RunbookFileError", error: RunbookFileError(message: "bad file"), status: 2),
        Sample(type: "PGCheck/OutputError", error: OutputError("cannot write standard output"), status: 2),
        Sample(type: "PGCheck/RunbookStepFailed", error: RunbookStepFailed(detail: "d", artefacts: [], failure: .checkFailed), status: 1),
        Sample(type: "PGCheck/RunbookStepFailed", error: RunbookStepFailed(detail: "d", artefacts: [], failure: .server), status: 4),
        Sample(type: "PGCheck/DriftError", error: DriftError.malformedSnapshot(file: "meta/0003_snapshot.json", path: "$.tables", message: "expected an object"), status: 2),
        Sample(type: "PGCheck/DriftError", error: DriftError.unsupportedSnapshot(file: "meta/0003_snapshot.json", path: "$.version", message: "version \"9\""), status: 2),
        Sample(type: "PGCheck/DriftError", error: DriftError.missingSnapshot(file: "meta/0003_snapshot.json", message: "does not exist"), status: 2),
        Sample(type: "PGCheck/DriftError", error: DriftError.badRequest("--at 9999: no such migration"), status: 2),
        Sample(type: "PGCheck/RehearsalInterrupted", error: RehearsalInterrupted(), status: 4),
        Sample(type: "PGCheck/DrizzleError", error: DrizzleError.segmentFailed(statement: "0004 #2", sql: "CREATE INDEX CONCURRENTLY i ON t (c)", serverError: "23505", applied: ["0003"], invalidIndex: nil), status: 4),
        Sample(type: "PGCheck/DrizzleError", error: DrizzleError.lockTimeout(statement: "0004 #1", sql: "ALTER TABLE t ADD c int", attempts: 4, blockers: [], applied: []), status: 4),
        Sample(type: "PGCheck/TablesNotQuiet", error: TablesNotQuiet(report: ActivityReport(
            tables: ["public.t"], lockHolders: [], longTransactions: [], writes: [TableWrites(table: "public.t", rows: 3)], writers: [],
            windowSeconds: 2, longTransactionSeconds: 60)), status: 1),
        Sample(type: "PGLocal/LocalClusterError", error: LocalClusterError.serverNotInstalled("apt-get install postgresql"), status: 2),
        Sample(type: "PGCheckCLI/ReportedFailure", error: ReportedFailure.checkFailed, status: 1),
        Sample(type: "PGCheckCLI/ReportedFailure", error: ReportedFailure(.server), status: 4),
        Sample(type: "PGCheckCLI/CommandLineError", error: CommandLineError("--compare takes two files"), status: 2),
        // An error that says nothing of itself (a file Foundation cannot read) is bad input.
        Sample(type: "Foundation/CocoaError", error: CocoaError(.fileReadNoSuchFile), status: 2),
    ]

    /// Error types that never leave their module: each is caught and turned into a classified error
    /// where it is thrown, so it needs no kind of its own.
    static let internalOnly: Set<String> = [
        "PostgresWire/Rejection",            // SASLprep: becomes a ClientError(.authentication)
        "PostgresWire/Malformed",            // binary numeric: becomes a PostgresDecodingError
        "PostgresWire/ConnectAttemptFailure", // one address of several: becomes a ClientError(.connect)
        "PGJSON/Failure",                    // JSONParser: the caller falls back to JSONDecoder
        "PGJSON/Unrepresentable",            // JSONTreeEncoder: JSONFastPaths returns nil
        "PGJSON/Unwritable",                 // CanonicalJSONWriter: the snapshot falls back to JSONEncoder
        "PGCheck/DiagnosisUnavailable",      // a rehearsal's count that cannot be made: shown as no count
        "PGCheck/LockNotAvailable",          // a lock timeout inside the migrator: retried, or a DrizzleError.lockTimeout
        "PGJSON/OrderedJSONSyntaxError",     // a drizzle snapshot that is not JSON: becomes a DriftError
        "PGJSON/Problem",                    // JSONEscape: becomes the parser's own failure
    ]

    @Test func everyKindHasItsDocumentedStatus() {
        let statuses = FailureKind.allCases.map { ($0, ExitStatus.of($0)) }
        #expect(statuses.map(\.1) == [1, 2, 3, 4])
        #expect(ExitStatus.of(.checkFailed) == 1 && ExitStatus.of(.badInput) == 2)
        #expect(ExitStatus.of(.connection) == 3 && ExitStatus.of(.server) == 4)
    }

    @Test(arguments: samples)
    func everyErrorTypeMapsToItsDocumentedStatus(_ sample: Sample) {
        #expect(ExitStatus.of(FailureKind.of(sample.error)) == sample.status)
    }

    /// A new error type must say what kind of failure it is and be sampled here, or be listed as one
    /// that never leaves its module: otherwise it would exit 2 by default, whatever it means.
    @Test func everyErrorTypeInSourcesIsSampledOrInternal() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let declared = try Self.declaredErrorTypes(in: sources)
        #expect(declared.count > 20, "the scan found the error types: \(declared.sorted())")
        let sampled = Set(Self.samples.map(\.type))
        for type in declared.sorted() {
            #expect(sampled.contains(type) || Self.internalOnly.contains(type), "\(type) has no sample here and is not internal-only")
        }
        for type in Self.internalOnly {
            #expect(declared.contains(type), "\(type) is listed as internal-only but no longer declared")
        }
    }

    @Test func classifiedPublicErrorsSayTheirKind() {
        for sample in Self.samples where !sample.type.hasPrefix("Foundation/") {
            #expect(sample.error is any ClassifiedError, "\(sample.type) does not conform to ClassifiedError")
        }
    }

    @Test func linesNameThePhaseAndKeepPsqlsOwnWords() {
        #expect(ErrorReport.line(for: ClientError(.authentication, "wrong password")) == "pgcheck: authentication: wrong password")
        let server = PostgresServerError(fields: Self.serverFields, phase: .query)
        #expect(ErrorReport.line(for: server) == "pgcheck: query: \(server.description.replacingOccurrences(of: "\n", with: " "))")
        #expect(ErrorReport.line(for: DescribeError.relationNotFound("nosuch")) == DescribeError.relationNotFound("nosuch").description)
        #expect(ErrorReport.line(for: DescribeError.unsupportedServer(90600))?.hasPrefix("pgcheck: ") == true)
        #expect(ErrorReport.line(for: ReportedFailure.checkFailed) == nil)
        #expect(ErrorReport.line(for: CommandLineError("give one TABLE")) == "pgcheck: give one TABLE")
    }

    /// `Module/Name` of every type declared in Sources that conforms to `Error` (directly or through
    /// `ClassifiedError`).
    static func declaredErrorTypes(in sources: URL) throws -> Set<String> {
        let declaration = try Regex(#"(?m)^\s*(?:public |internal |fileprivate |private )?(?:final )?(?:struct|enum|class) (\w+)(?:<[^>\n]*>)?\s*:[^{\n]*\b(?:Error|ClassifiedError)\b"#)
        var types: Set<String> = []
        guard let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return types }
        for case let file as URL in files where file.pathExtension == "swift" {
            let module = file.path.dropFirst(sources.path.count + 1).split(separator: "/").first.map(String.init) ?? ""
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: declaration) {
                guard let name = match.output[1].substring else { continue }
                types.insert("\(module)/\(name)")
            }
        }
        return types
    }
}
