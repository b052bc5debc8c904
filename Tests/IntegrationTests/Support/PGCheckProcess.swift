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
    /// `standardOutput` names a file to write standard output to instead of capturing it (`/dev/full`).
    static func run(_ arguments: [String], environment: [String: String] = [:], standardOutput: String? = nil) throws -> Result {
        try run(executable: executable, arguments, environment: environment, standardOutput: standardOutput)
    }

    /// Runs `executable` (psql, say) as ``run(_:environment:)`` runs pgcheck.
    static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:], standardOutput: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        if let standardOutput {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutput))
            try out.fileHandleForWriting.close()
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        try process.run()
        let stdout = standardOutput == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdoutBytes: stdout, stderrBytes: stderr)
    }
}
