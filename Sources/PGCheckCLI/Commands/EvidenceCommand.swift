import ArgumentParser
import Foundation
import PGCheck

/// `pgcheck evidence verify DIR`.
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Work with evidence folders written by pgcheck runbook.",
        subcommands: [EvidenceVerify.self]
    )
}

/// Re-checks every checksum of an evidence folder and the apply log's integrity.
struct EvidenceVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check every artefact's SHA-256, that the apply log was only appended to, and that every file it names exists.",
        discussion: "Exit 0 when the folder is intact, 1 naming each file that changed or is missing, 2 when DIR is not an evidence folder. `cd DIR && sha256sum -c *.sha256` checks the checksums with standard tools too."
    )

    @Argument(help: "The evidence folder.")
    var directory: String

    func run() throws {
        let report = try EvidenceVerifier().verify(URL(fileURLWithPath: directory))
        for problem in report.problems { print("FAIL  \(problem)") }
        print("\(report.verified.count) artefact(s) verified, \(report.problems.count) problem(s)")
        if !report.isIntact { throw ReportedFailure.checkFailed }
    }
}
