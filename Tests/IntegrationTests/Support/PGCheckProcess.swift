import Foundation

/// Runs the `pgcheck` executable built next to the test bundle (and psql, the same way).
enum PGCheckProcess {
    struct Result {
        let status: Int32
        /// Standard output as written, byte for byte: what comparisons with another program's output use.
        let stdoutBytes: Data
        /// Standard error as written.
        let stderrBytes: Data

        /// Standard output as text (invalid UTF-8 replaced).
        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        /// Standard error as text (invalid UTF-8 replaced).
        var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pgcheck")
    }

    /// Runs pgcheck with only `environment` (plus HOME and PATH) so the developer's PG* variables never leak in.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(executable: executable, arguments, environment: environment)
    }

    /// Runs `executable` (psql, say) as ``run(_:environment:)`` runs pgcheck.
    static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdoutBytes: stdout, stderrBytes: stderr)
    }
}
