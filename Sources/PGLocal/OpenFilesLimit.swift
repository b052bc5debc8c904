#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files, raised once to its hard limit when a throwaway server starts.
///
/// A test run starts clusters, PgBouncers and proxies and opens many connections at once from one process;
/// the usual soft limit of 1024 runs out under the whole suite, and then every `socket()` fails (a readiness
/// check that never succeeds, connections refused with EMFILE). Servers raise their own soft limit the same
/// way. The children started afterwards inherit the higher limit too.
enum OpenFilesLimit {
    /// Raises the soft limit to the hard one (at most once per process); returns the soft limit now in force.
    @discardableResult
    static func raise() -> UInt64 { raised }

    private static let raised: UInt64 = {
        var limit = rlimit()
        guard getrlimit(resourceLimit, &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var wanted = limit
            wanted.rlim_cur = limit.rlim_max
            if setrlimit(resourceLimit, &wanted) == 0 { return UInt64(wanted.rlim_cur) }
        }
        return UInt64(limit.rlim_cur)
    }()

    #if canImport(Glibc)
    private static let resourceLimit = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceLimit = RLIMIT_NOFILE
    #endif
}
