import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a process ID read from a PID file still names the server PGLocal started.
///
/// The number alone is not enough: process IDs wrap at `pid_max` (32,768 on many Linux machines), and a
/// test suite that forks a backend for every connection reuses a dead server's within seconds. So the
/// process must also still carry an argument only that server was started with (its data directory, its
/// ini file), or a check would call a stranger alive and a stop would signal it.
enum ProcessLiveness {
    /// Whether `pid` is alive (not a zombie: an exited process not yet reaped has closed its sockets)
    /// and was started with `argument` among its arguments. Without `/proc` (macOS) only the first part
    /// can be checked.
    static func isRunning(_ pid: pid_t, startedWith argument: String) -> Bool {
        guard isAlive(pid) else { return false }
        guard FileManager.default.fileExists(atPath: "/proc/\(pid)") else { return true }
        guard let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        return commandLine.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == argument }
    }

    /// Whether `pid` is alive: it exists and is not a zombie. For a child just started this is the test to
    /// use, not Foundation's `Process.isRunning`, which can still say false right after `run()` returned
    /// (PgBouncer's start was once judged "exited" at once while the process was coming up).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let name = stat.lastIndex(of: ")") else {
            return true  // no /proc (macOS): the signal test is all there is
        }
        return stat[stat.index(after: name)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }
}
