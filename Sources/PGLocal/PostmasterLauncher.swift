import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts `postgres -D <data>` as a child process and waits until it accepts connections.
///
/// Why not `pg_ctl start -w`: on Linux, Foundation's `Process` learns that a child exited when a
/// socket it hands to the child is closed by every process holding it. `pg_ctl` passes that socket on
/// to the postmaster it spawns, so `waitUntilExit()` for `pg_ctl` would block for as long as the server
/// runs. Started directly, the postmaster *is* the child (behind `runuser` when we are root), and we do
/// what `pg_ctl -w` does: poll the status line of `postmaster.pid` until it says `ready`.
enum PostmasterLauncher {
    /// How a launch ended.
    enum Outcome: Equatable {
        /// `postmaster.pid` says the server accepts connections.
        case ready
        /// The server exited before it was ready (its log says why).
        case exited
        /// Still not ready after ``readinessTimeout`` seconds.
        case timedOut
    }

    /// Seconds to wait for the server to accept connections, as `pg_ctl -t 30`.
    static let readinessTimeout = 30

    /// Launches the postmaster with its output appended to the cluster's log file and waits for it.
    static func launch(
        installation: PostgresInstallation, account: ServerAccount, layout: ClusterLayout,
        environment: [String: String]
    ) throws -> Outcome {
        let command = account.command(installation.path(of: "postgres"), ["-D", layout.data])
        let process = try CommandRunner.startServer(
            command, environment: environment, directory: layout.root, logPath: layout.log, account: account)

        let deadline = Date().addingTimeInterval(TimeInterval(readinessTimeout))
        while Date() < deadline {
            if status(dataDirectory: layout.data) == "ready" { return .ready }
            if !ProcessLiveness.isAlive(process.processIdentifier) { return .exited }
            usleep(10_000)
        }
        return .timedOut
    }

    /// The postmaster's status from line 8 of `postmaster.pid` (`starting`, `ready`, `stopping`, `standby`).
    static func status(dataDirectory: String) -> String? {
        let lockFile = (dataDirectory as NSString).appendingPathComponent("postmaster.pid")
        guard let contents = try? String(contentsOfFile: lockFile, encoding: .utf8) else { return nil }
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 8 else { return nil }
        return lines[7].trimmingCharacters(in: .whitespaces)
    }
}
