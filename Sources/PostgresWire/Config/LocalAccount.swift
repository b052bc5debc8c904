import Foundation

/// The operating-system account pgcheck runs as, which libpq uses for the default user name
/// (`pg_fe_getauthname`) and, when `HOME` is unset, for the home directory holding `.pgpass` and
/// `.postgresql/`.
///
/// Like libpq it asks the password database for the effective user ID and ignores `$USER`.
enum LocalAccount {
    /// The effective user's login name; throws ``ClientError`` (`.configuration`) if there is none.
    static func userName() throws -> String {
        guard let name = try lookUp({ String(cString: $0.pw_name) }) else {
            throw ClientError(
                .configuration,
                "local user with ID \(geteuid()) does not exist; set PGUSER or user= in the connection string")
        }
        return name
    }

    /// The home directory, the one way pgcheck finds it (libpq's `pqGetHomeDirectory`): `HOME` from
    /// `environment` when set and non-empty (libpq 18; earlier libpq read only the password
    /// database), else the effective user's entry in the password database; nil when neither has one.
    static func homeDirectory(environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let directory = try? lookUp({ String(cString: $0.pw_dir) }), !directory.isEmpty else { return nil }
        return directory
    }

    /// Runs `read` on the `passwd` entry for `geteuid()` while its strings are still valid.
    private static func lookUp<T>(_ read: (passwd) -> T) throws -> T? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        return try buffer.withUnsafeMutableBufferPointer { storage in
            let status = getpwuid_r(geteuid(), &entry, storage.baseAddress!, storage.count, &result)
            guard status == 0 else {
                throw ClientError(
                    .configuration,
                    "could not look up local user ID \(geteuid()): \(String(cString: strerror(status)))")
            }
            return result.map { read($0.pointee) }
        }
    }
}
