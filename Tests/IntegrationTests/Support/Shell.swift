import Foundation

/// Runs commands the way a user's shell would, for the tests of install.sh and of the build stamp.
enum Shell {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The package's root folder (this file is Tests/IntegrationTests/Support/Shell.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `arguments` through /usr/bin/env (so PATH finds the program) in `directory`. The output goes
    /// to files rather than pipes: a build prints more than a pipe holds, and nothing here reads it live.
    static func run(
        _ arguments: [String], in directory: URL = packageRoot, environment: [String: String]? = nil
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appending(component: "pgcheck-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appending(component: "out")
        let errURL = folder.appending(component: "err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }
}

/// A command the test needed that did not succeed.
struct ShellFailure: Error, CustomStringConvertible {
    let command: String
    let result: Shell.Result
    var description: String { "\(command) exited \(result.status): \(result.stderr)" }
}

/// What `pgcheck --version` must print for the checkout the tests run in, worked out with git itself
/// rather than with the build's script, so that the two are checked against each other.
enum CheckoutStamp {
    /// `pgcheck 0.1.0 (commit abc1234[-dirty], YYYY-MM-DD)` in a git checkout whose top level is the package;
    /// `pgcheck 0.1.0 (unknown commit)` elsewhere (a source tarball) or where git cannot run.
    static func expectedVersionLine() throws -> String {
        let git = { (arguments: [String]) throws -> Shell.Result in try Shell.run(["git"] + arguments) }
        guard let prefix = try? git(["rev-parse", "--show-prefix"]), prefix.status == 0, prefix.stdout == "\n" else {
            return "pgcheck 0.1.0 (unknown commit)"
        }
        let commit = try git(["rev-parse", "--short", "HEAD"]).stdout.trimmingCharacters(in: .newlines)
        let date = try git(["show", "-s", "--format=%cd", "--date=short", "HEAD"]).stdout.trimmingCharacters(in: .newlines)
        let dirty = try !git(["status", "--porcelain", "--", "Package.swift", "Sources", "Plugins"]).stdout.isEmpty
        return "pgcheck 0.1.0 (commit \(commit)\(dirty ? "-dirty" : ""), \(date))"
    }
}
