import Foundation

/// The CPU time the PostgreSQL server spent on one measured command: the floor under its wall time,
/// since a client cannot finish before the server has produced the rows.
///
/// Read from /proc: the postmaster's own and reaped children's CPU (utime, stime, cutime, cstime of
/// /proc/PID/stat), plus the CPU of its live children (the background processes and any backend not
/// yet reaped). The backend serving a command exits when the command disconnects; the postmaster reaps
/// it and its CPU moves into cutime/cstime, so after the command the meter waits until the postmaster
/// has no more children than before. The cluster is the benchmark's own (autovacuum off), so the
/// background processes add milliseconds at most.
struct ServerCPUMeter {
    let postmaster: Int32

    /// A reading: total CPU seconds and the number of live children.
    struct Reading {
        let seconds: Double
        let children: Int
    }

    func read() -> Reading {
        var total = Self.fields(of: postmaster, 11...14)
        var children = 0
        for child in Self.children(of: postmaster) {
            total += Self.fields(of: child, 11...12)
            children += 1
        }
        return Reading(seconds: total / Self.ticksPerSecond, children: children)
    }

    /// The server CPU since `before`, once the command's backend is gone and its time accounted: waits
    /// (up to two seconds) until the postmaster has no more children than before and two readings 20 ms
    /// apart agree (a backend's exit reaches the postmaster's accounting a moment after its client's).
    func seconds(since before: Reading) -> Double {
        let deadline = Date().addingTimeInterval(2)
        var after = read()
        while Date() < deadline {
            usleep(20_000)
            let next = read()
            if next.children <= before.children, after.children <= before.children, next.seconds == after.seconds {
                after = next
                break
            }
            after = next
        }
        return max(0, after.seconds - before.seconds)
    }

    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// Fields (counted after the command name, from 0 = state) of /proc/PID/stat, summed.
    private static func fields(of pid: Int32, _ range: ClosedRange<Int>) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > range.upperBound else { return 0 }
        return fields[range].compactMap { Double($0) }.reduce(0, +)
    }

    /// The processes whose parent is `pid`.
    private static func children(of pid: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { Int32($0) }.filter { candidate in
            guard let text = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { return false }
            let fields = text[text.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }
    }
}
