import Foundation

/// The outcome of one finished child process.
struct CommandResult: Sendable {
    /// The exit status (or the terminating signal number, as Foundation reports it).
    var status: Int32
    /// Everything the process wrote to standard output, decoded as UTF-8.
    var standardOutput: String
    /// Everything the process wrote to standard error, decoded as UTF-8.
    var standardError: String
}

/// Runs short-lived external programs (initdb, psql, openssl, pg_ctl --version) with Foundation's `Process`.
///
/// Not for programs that leave a daemon behind: see ``PostmasterLauncher`` for why.
///
/// Standard output and standard error are drained concurrently so that a chatty child can never
/// block on a full pipe while we wait for the other stream.
enum CommandRunner {
    /// Runs `executable` with `arguments` and waits for it to finish.
    ///
    /// - Parameters:
    ///   - input: bytes written to the child's standard input, which is then closed; `nil` gives it /dev/null.
    ///   - environment: the child's complete environment.
    ///   - workingDirectory: the child's current directory. Commands run as another OS user need one
    ///     that user can enter, or they print warnings about the caller's home folder.
    static func run(
        _ executable: String,
        _ arguments: [String],
        input: String? = nil,
        environment: [String: String],
        workingDirectory: String
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = input.map { _ in Pipe() }
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe ?? FileHandle.nullDevice

        do {
            try process.run()
        } catch {
            throw LocalClusterError.commandFailed(
                command: describe(executable, arguments), status: -1,
                output: "could not be launched: \(error.localizedDescription)")
        }

        let errorCollector = PipeCollector(errorPipe.fileHandleForReading)
        if let inputPipe, let input {
            // Written on another thread: a large script could otherwise fill the pipe while
            // the child is itself blocked writing output nobody reads yet.
            let writer = inputPipe.fileHandleForWriting
            let bytes = Data(input.utf8)
            DispatchQueue.global().async {
                try? writer.write(contentsOf: bytes)
                try? writer.close()
            }
        }
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorCollector.wait()
        process.waitUntilExit()

        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs a command and throws ``LocalClusterError/commandFailed(command:status:output:)`` unless it exits with 0.
    ///
    /// `redacting` lists strings (passwords) that must never appear in the thrown error.
    @discardableResult
    static func check(
        _ executable: String,
        _ arguments: [String],
        input: String? = nil,
        environment: [String: String],
        workingDirectory: String,
        redacting secrets: [String] = []
    ) throws -> CommandResult {
        let result = try run(
            executable, arguments, input: input, environment: environment, workingDirectory: workingDirectory)
        guard result.status == 0 else {
            var output = result.standardError.isEmpty ? result.standardOutput : result.standardError
            for secret in secrets where !secret.isEmpty {
                output = output.replacingOccurrences(of: secret, with: "<redacted>")
            }
            throw LocalClusterError.commandFailed(
                command: describe(executable, arguments), status: result.status, output: output)
        }
        return result
    }

    /// Starts a server in the foreground (the process, or `runuser` before it, stays our child) with its
    /// output appended to the log file at `logPath`, created for `account` when missing; returns at once.
    static func startServer(
        _ command: (executable: String, arguments: [String]), environment: [String: String], directory: String,
        logPath: String, account: ServerAccount
    ) throws -> Process {
        let descriptor = open(logPath, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard descriptor >= 0 else {
            throw LocalClusterError.fileSystem("could not open \(logPath): \(String(cString: strerror(errno)))")
        }
        let log = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? log.close() }
        try account.takeOwnership(of: logPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw LocalClusterError.commandFailed(
                command: describe(command.executable, command.arguments), status: -1,
                output: "could not be launched: \(error.localizedDescription)")
        }
        return process
    }

    /// A shell-like rendering of a command for error messages.
    static func describe(_ executable: String, _ arguments: [String]) -> String {
        ([executable] + arguments).map { word in
            word.isEmpty || word.contains(where: { $0 == " " || $0 == "'" }) ? "'\(word)'" : word
        }.joined(separator: " ")
    }

    /// Finds `name` in the directories of `PATH` (and `extraDirectories` after them); returns its full path.
    static func findExecutable(
        _ name: String, path: String?, extraDirectories: [String] = []
    ) -> String? {
        let directories = (path ?? "").split(separator: ":").map(String.init) + extraDirectories
        for directory in directories where !directory.isEmpty {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// The caller's environment without `PG*` variables, so a developer's PGHOST, PGSSLMODE,
    /// PGPASSWORD or PGDATA can never steer setup commands to another server or data folder.
    static func cleanEnvironment(
        _ base: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        base.filter { !$0.key.hasPrefix("PG") }
    }
}

/// Reads a pipe to its end on a background queue and hands the bytes over once.
private final class PipeCollector: @unchecked Sendable {
    // Guarded by `done`: `data` is written once before the semaphore is signalled and read after waiting.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
