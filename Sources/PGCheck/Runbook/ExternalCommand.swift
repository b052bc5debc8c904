import Foundation
import PGSupport

/// Runs the operator's own apply command (`pnpm drizzle-kit push`) and captures everything it prints.
enum ExternalCommand {
    struct Result {
        let status: Int32
        let output: String
    }

    /// Runs `command` with `/bin/sh -c`, stdout and stderr interleaved as a terminal would show them.
    ///
    /// `DATABASE_URL` is set to `databaseURL` (the `--url` the operator gave) when the environment has
    /// none, so the command targets the same database pgcheck checks.
    static func run(_ command: String, databaseURL: String?) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        if environment["DATABASE_URL"]?.isEmpty ?? true, let databaseURL {
            environment["DATABASE_URL"] = databaseURL
        }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw RunbookStepFailed(detail: "cannot start `\(command)`: \(error.localizedDescription)", artefacts: [], failure: .badInput)
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
