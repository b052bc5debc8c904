import ArgumentParser
import Foundation
import PGCheck
import PGSupport

/// The `pgcheck` command line: a thin layer that parses arguments, calls the libraries, prints and
/// sets the exit status.
@main
struct PGCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgcheck",
        abstract: "Validate PostgreSQL schema migrations natively: connect, introspect, diff, verify, smoke-test.",
        discussion: """
            Connection: --url (a postgres:// URI or a key=value string), else DATABASE_URL, else the libpq \
            PG* environment variables and ~/.pgpass.

            Exit status: 0 success, 1 a check failed, 2 bad input, 3 connection/authentication/TLS \
            failure, 4 server error.
            """,
        // BuildInfo is generated at build time by Plugins/BuildInfo.
        version: PGCheckVersion.line(commit: BuildInfo.commit, commitDate: BuildInfo.commitDate, dirty: BuildInfo.dirty),
        subcommands: [
            Ping.self,
            SnapshotCommand.self,
            DiffCommand.self,
            DescribeCommand.self,
            VerifyCommand.self,
            SmokeCommand.self,
            FingerprintCommand.self,
            Migrations.self,
            RehearseCommand.self,
            DriftCommand.self,
            RunbookCommand.self,
            Evidence.self,
            DemoCommand.self,
        ]
    )

    /// Runs the command line. Every error that ends a command exits through one mapping of kinds of
    /// failure to statuses (``ExitStatus/of(_:)``); usage errors exit 2 (pgcheck's "bad input"), not
    /// swift-argument-parser's default 64, so scripts see one documented status for every kind of bad input.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if error is any ClassifiedError { Foundation.exit(ErrorReport.report(error)) }
            switch exitCode(for: error) {
            case .validationFailure:
                printError(fullMessage(for: error))
                Foundation.exit(ExitStatus.of(.badInput))
            case .failure where !(error is ExitCode):
                // An error that is neither the parser's nor classified (a file Foundation cannot read).
                Foundation.exit(ErrorReport.report(error))
            default:
                // --help, --version, --generate-completion-script: the parser prints and exits.
                exit(withError: error)
            }
        }
    }
}
