import Foundation
import PostgresWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PsqlFormat

/// Runs the runbook's smoke queries, each into an artefact in psql's aligned format (what the
/// hand-written runbook captured with `psql -c`), streamed through a spool file so memory stays flat.
enum RunbookSmoke {
    static func run(
        _ queries: [SmokeQuery], connection: PostgresConnection, limits: SmokeLimits, evidence: EvidenceFolder, names: RunbookArtefactNames
    ) throws -> [(SmokeQueryResult, String)] {
        let runner = SmokeRunner(connection: connection, limits: limits)
        var outputs: [(SmokeQueryResult, String)] = []
        for prepared in try runner.prepare(queries) {
            let spool = FileManager.default.temporaryDirectory.appendingPathComponent("pgcheck-smoke-\(UUID().uuidString)")
            let descriptor = open(spool.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw EvidenceError.io("cannot create a spool file in \(spool.deletingLastPathComponent().path)") }
            defer {
                close(descriptor)
                unlink(spool.path)
            }
            let writer = OutputWriter(descriptor: descriptor, name: spool.path)
            let result = try runner.run(prepared, into: AlignedTableSink(writer: writer))
            try writer.flush()
            guard let data = FileManager.default.contents(atPath: spool.path) else {
                throw EvidenceError.io("cannot read back the smoke output of \(prepared.query.name)")
            }
            let artefact = try evidence.record(data, as: names.smoke(prepared.query.name))
            outputs.append((result, artefact.name))
        }
        return outputs
    }
}
