import Foundation

/// Where the PostgreSQL server programs (initdb, pg_ctl, postgres) are installed, and which version they are.
///
/// Debian and Ubuntu keep them in `/usr/lib/postgresql/<major>/bin`, off `PATH`, so ``locate(environment:searchRoot:)``
/// looks there after `PATH`.
public struct PostgresInstallation: Sendable, Equatable {
    /// The folder holding `initdb`, `pg_ctl` and `postgres` (symbolic links on `PATH` are followed to the real folder).
    public let binDirectory: String
    /// The major version, e.g. `15` for PostgreSQL 15.18.
    public let majorVersion: Int
    /// The full version the binaries report, e.g. `"15.18"`.
    public let version: String
    /// The `psql` to use for setup SQL: the one next to the server binaries, else the first on `PATH`; `nil` if none.
    public let psqlPath: String?

    /// The programs that must all be present in one folder for it to count as a server installation.
    static let requiredPrograms = ["initdb", "pg_ctl", "postgres"]

    /// The exact message of ``LocalClusterError/serverNotInstalled(_:)``.
    public static let notInstalledMessage =
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. Install them with: apt-get install -y postgresql"

    /// The full path of one of the server programs, e.g. `path(of: "pg_ctl")`.
    public func path(of program: String) -> String {
        (binDirectory as NSString).appendingPathComponent(program)
    }

    /// Finds the server binaries: first a `PATH` folder holding all of initdb, pg_ctl and postgres,
    /// then the highest-numbered `<searchRoot>/<major>/bin` that holds them.
    ///
    /// - Parameters:
    ///   - environment: supplies `PATH`.
    ///   - searchRoot: the folder with one sub-folder per major version; injectable for tests.
    /// - Throws: ``LocalClusterError/serverNotInstalled(_:)`` with ``notInstalledMessage`` when nothing is
    ///   found, or ``LocalClusterError/commandFailed(command:status:output:)`` if `pg_ctl --version` fails.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        searchRoot: String = "/usr/lib/postgresql"
    ) throws -> PostgresInstallation {
        let path = environment["PATH"]
        guard let directory = directoryOnPath(path) ?? highestVersionDirectory(under: searchRoot) else {
            throw LocalClusterError.serverNotInstalled(notInstalledMessage)
        }
        let pgCtl = (directory as NSString).appendingPathComponent("pg_ctl")
        let result = try CommandRunner.check(
            pgCtl, ["--version"], environment: CommandRunner.cleanEnvironment(environment),
            workingDirectory: "/")
        guard let version = parseVersion(result.standardOutput),
            let major = Int(version.prefix(while: \.isNumber))
        else {
            throw LocalClusterError.commandFailed(
                command: "\(pgCtl) --version", status: 0,
                output: "unexpected version output: \(result.standardOutput)")
        }
        let bundledPsql = (directory as NSString).appendingPathComponent("psql")
        let psql = FileManager.default.isExecutableFile(atPath: bundledPsql)
            ? bundledPsql : CommandRunner.findExecutable("psql", path: path)
        return PostgresInstallation(binDirectory: directory, majorVersion: major, version: version, psqlPath: psql)
    }

    /// The first `PATH` folder containing every required program, resolved through symbolic links
    /// when the real folder holds them too (it also holds psql and the other tools of that version).
    static func directoryOnPath(_ path: String?) -> String? {
        for entry in (path ?? "").split(separator: ":").map(String.init) where !entry.isEmpty {
            guard containsServerPrograms(entry) else { continue }
            let initdb = (entry as NSString).appendingPathComponent("initdb")
            let realDirectory = ((initdb as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            return containsServerPrograms(realDirectory) ? realDirectory : entry
        }
        return nil
    }

    /// `<searchRoot>/<n>/bin` for the highest version `n` whose bin folder holds every required program.
    static func highestVersionDirectory(under searchRoot: String) -> String? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: searchRoot)) ?? []
        let candidates = entries.compactMap { name -> (key: [Int], bin: String)? in
            let components = name.split(separator: ".").map { Int($0) }
            guard !components.isEmpty, components.allSatisfy({ $0 != nil }) else { return nil }
            let bin = ((searchRoot as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("bin")
            return containsServerPrograms(bin) ? (components.compactMap { $0 }, bin) : nil
        }
        return candidates.max { $0.key.lexicographicallyPrecedes($1.key) }?.bin
    }

    static func containsServerPrograms(_ directory: String) -> Bool {
        requiredPrograms.allSatisfy {
            FileManager.default.isExecutableFile(atPath: (directory as NSString).appendingPathComponent($0))
        }
    }

    /// Extracts `"15.18"` from `"pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"`.
    static func parseVersion(_ output: String) -> String? {
        let words = output.split(whereSeparator: \.isWhitespace).map(String.init)
        if let marker = words.firstIndex(of: "(PostgreSQL)"), marker + 1 < words.count {
            return words[marker + 1]
        }
        return words.first { $0.first?.isNumber == true }
    }
}
