import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops a postmaster and deletes a cluster's files without spawning any process, so it is also safe
/// inside an `atexit` handler.
///
/// Sending SIGQUIT and waiting for `postmaster.pid` to disappear is exactly what
/// `pg_ctl stop -m immediate -w` does: an immediate shutdown, with no checkpoint, which is all a
/// cluster about to be deleted needs.
enum ClusterShutdown {
    /// Stops the postmaster of `dataDirectory` (if one is running), ends the orphan watchdog and
    /// removes `rootDirectory` with everything in it.
    static func perform(rootDirectory: String, dataDirectory: String, watchdogProcessID: Int32?) {
        stopPostmaster(dataDirectory: dataDirectory)
        if let watchdogProcessID, watchdogProcessID > 0 {
            kill(watchdogProcessID, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: rootDirectory)
    }

    /// The postmaster's process ID from the first line of `postmaster.pid`, if the file exists.
    static func postmasterProcessID(dataDirectory: String) -> pid_t? {
        let lockFile = (dataDirectory as NSString).appendingPathComponent("postmaster.pid")
        guard let contents = try? String(contentsOfFile: lockFile, encoding: .utf8),
            let firstLine = contents.split(separator: "\n").first,
            let pid = pid_t(firstLine.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return nil }
        return pid
    }

    /// Sends SIGQUIT (immediate shutdown) and waits up to ten seconds for the postmaster to remove its
    /// lock file; SIGKILL if it has not. Waiting on the file rather than on the process ID also works
    /// when the exited postmaster lingers as a zombie because nobody reaps orphans (some container inits).
    /// A lock file left by a postmaster that was killed names a process ID that may since belong to
    /// another process: nothing is signalled unless it is still this data directory's postmaster.
    static func stopPostmaster(dataDirectory: String) {
        guard let pid = postmasterProcessID(dataDirectory: dataDirectory),
            ProcessLiveness.isRunning(pid, startedWith: dataDirectory), kill(pid, SIGQUIT) == 0
        else { return }
        let lockFile = (dataDirectory as NSString).appendingPathComponent("postmaster.pid")
        for _ in 0..<1000 {
            if !FileManager.default.fileExists(atPath: lockFile) { return }
            usleep(10_000)
        }
        if ProcessLiveness.isRunning(pid, startedWith: dataDirectory) { kill(pid, SIGKILL) }
    }
}
