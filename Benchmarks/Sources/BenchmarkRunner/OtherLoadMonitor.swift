import Foundation

/// How much CPU processes other than this benchmark (and its clients and server) used during a run:
/// the honest answer to "was the machine busy?" on cores shared with other people's builds.
///
/// All CPU time the kernel accounted (`/proc/stat`), minus this process and every child it reaped, minus
/// the postmaster and every backend it reaped. What remains is someone else's.
struct OtherLoadMonitor {
    private let postmaster: Int32
    private let startedAt = Date()
    private let startTotal: Double
    private let startOurs: Double

    init(postmaster: Int32) {
        self.postmaster = postmaster
        startTotal = Self.totalBusySeconds()
        startOurs = Self.ourSeconds(postmaster: postmaster)
    }

    /// Other processes' CPU as a share of all cores over the run so far (0.25 = a quarter of the machine).
    func otherShare() -> Double {
        let elapsed = Date().timeIntervalSince(startedAt)
        let other = (Self.totalBusySeconds() - startTotal) - (Self.ourSeconds(postmaster: postmaster) - startOurs)
        let capacity = elapsed * Double(ProcessInfo.processInfo.activeProcessorCount)
        return capacity > 0 ? max(0, other / capacity) : 0
    }

    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    private static func totalBusySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
        guard fields.count >= 8 else { return 0 }
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]) / ticksPerSecond
    }

    private static func ourSeconds(postmaster: Int32) -> Double {
        var own = rusage()
        var children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        let mine = [own.ru_utime, own.ru_stime, children.ru_utime, children.ru_stime]
            .reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return mine + processTreeSeconds(postmaster)
    }

    /// utime + stime + cutime + cstime of a process (fields 14–17 of /proc/PID/stat).
    private static func processTreeSeconds(_ pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // Fields after the command name start at field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 15 else { return 0 }
        return fields[11...14].compactMap { Double($0) }.reduce(0, +) / ticksPerSecond
    }
}
