import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny shell loop that outlives a crashed test process and then cleans up after it.
///
/// `atexit` handlers do not run when a process crashes or is killed by a signal, and the postmaster or
/// PgBouncer (which Foundation starts in its own process group) would keep running, orphaned. The watchdog
/// polls the owning process once a second; once it is gone it signals the server named by its PID file
/// (SIGQUIT: the postmaster's immediate shutdown; SIGKILL for PgBouncer, see ``LocalPgBouncer/stopSignal``),
/// waits for the file to go (or the process, which a SIGKILL leaves no time to remove it) and deletes the
/// server's folder. Foundation starts it in its own process group, and it ignores the
/// usual termination signals, so a Ctrl-C aimed at the test run does not take it down first. A normal
/// ``LocalCluster/stop()`` (or the `atexit` handler) kills it with SIGKILL.
enum OrphanWatchdog {
    private static let script = """
        trap '' HUP INT QUIT TERM PIPE
        while kill -0 "$1" 2>/dev/null; do sleep 1; done
        pid=$(head -n 1 "$2" 2>/dev/null) && kill -"$4" "$pid" 2>/dev/null
        tries=0
        while [ -e "$2" ] && kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
        rm -rf "$3"
        """

    /// Starts a watchdog for the cluster in `rootDirectory`; returns its process ID, or `nil` if no
    /// shell could be started (the `atexit` handler still covers ordinary exits then).
    ///
    /// - Parameter ownerProcessID: the process whose end triggers the clean-up; this one, except in tests.
    static func start(rootDirectory: String, dataDirectory: String, ownerProcessID: pid_t = getpid()) -> Int32? {
        start(
            rootDirectory: rootDirectory, pidFile: (dataDirectory as NSString).appendingPathComponent("postmaster.pid"),
            signal: "QUIT", ownerProcessID: ownerProcessID)
    }

    /// Starts a watchdog for the server whose process ID is the first line of `pidFile`, to be sent
    /// `signal` (a name such as `TERM`), and whose files are all in `rootDirectory`.
    static func start(rootDirectory: String, pidFile: String, signal: String, ownerProcessID: pid_t = getpid()) -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "pgcheck-watchdog", String(ownerProcessID), pidFile, rootDirectory, signal]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        do {
            try process.run()
        } catch {
            return nil
        }
        return process.processIdentifier
    }
}
