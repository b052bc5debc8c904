import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the operating system accounted for one finished child process.
struct ProcessSample: Sendable {
    /// Seconds from spawn to reaping.
    var wall: Double
    /// User CPU seconds of the child.
    var user: Double
    /// System CPU seconds of the child.
    var system: Double
    /// The child's peak resident set size in bytes (`ru_maxrss`).
    var peakRSS: Double
    /// The exit status (or 128 + signal).
    var status: Int32
    /// CPU seconds the PostgreSQL server spent meanwhile (0 when not metered).
    var server: Double = 0

    /// User plus system CPU seconds: the client's CPU cost.
    var cpu: Double { user + system }
}

/// A command a benchmark runs as a whole process, and where its standard output goes.
struct Command: Sendable {
    /// The executable's absolute path.
    var executable: String
    /// The arguments after the executable's name.
    var arguments: [String]
    /// Standard output's destination: `/dev/null` for the big streams, a file to read back for the small ones.
    var standardOutput: String = "/dev/null"

    /// The command as one line for the report, with the password replaced wherever it appears: as given,
    /// and percent-encoded in the user information of a connection URI.
    func display(redacting secret: String) -> String {
        let line = ([(executable as NSString).lastPathComponent] + arguments.map(Self.redactingURIPassword).map(Self.quoted))
            .joined(separator: " ")
        return secret.isEmpty ? line : line.replacingOccurrences(of: secret, with: "****")
    }

    /// `postgresql://user:password@host…` becomes `postgresql://user:****@host…`.
    private static func redactingURIPassword(_ argument: String) -> String {
        argument.replacingOccurrences(
            of: #"^(postgres(?:ql)?://[^:@/]*):[^@/]*@"#, with: "$1:****@", options: .regularExpression)
    }

    private static func quoted(_ argument: String) -> String {
        argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:".contains($0) }) ? argument : "'\(argument)'"
    }
}

/// Runs commands: measured ones through the `rusage_run` wrapper, helpers through `Process`.
enum ChildProcess {
    /// The environment every measured child gets: no `PG*` variables, no `~/.psqlrc` surprises.
    static let environment: [String] = {
        var entries = ["PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8", "PGPASSFILE=/dev/null"]
        if let home = ProcessInfo.processInfo.environment["HOME"] { entries.append("HOME=\(home)") }
        return entries
    }()

    /// Runs `command` under the `rusage_run` wrapper and returns what the wrapper accounted for it.
    ///
    /// The wrapper forks the command itself (see Benchmarks/tools/rusage_run.c): spawned straight from this
    /// process, a command would inherit this process's resident size as its starting peak RSS.
    static func measure(_ command: Command, wrapper: String, resultFile: String, errorLog: String) throws -> ProcessSample {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, command.standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorLog, O_WRONLY | O_CREAT | O_APPEND, 0o644)

        let argv = ([wrapper, resultFile, command.executable] + command.arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, wrapper, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchmarkError("cannot start \(wrapper): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkError("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        let line = (try? String(contentsOfFile: resultFile, encoding: .utf8)) ?? ""
        let fields = line.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard status == 0, fields.count == 5, let wall = fields[0], let user = fields[1], let system = fields[2],
              let peak = fields[3], let code = fields[4] else {
            throw BenchmarkError("the rusage_run wrapper failed for \((command.executable as NSString).lastPathComponent) (status \(status)): \(line)")
        }
        return ProcessSample(wall: wall, user: user, system: system, peakRSS: peak * 1024, status: Int32(code))
    }

    /// Runs a helper command (not measured) and returns its standard output; throws when it fails.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environmentDictionary
        // Standard error goes to a file, so a chatty child can never block on a pipe nobody reads.
        let errorPath = NSTemporaryDirectory() + "pgcheck-bench-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let output = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = ((try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw BenchmarkError("\((executable as NSString).lastPathComponent) failed (status \(process.terminationStatus)): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// What `command` prints: its size and FNV-1a hash, read as it streams (gigabytes never sit in memory).
    static func digest(_ command: Command) throws -> OutputDigest {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.environment = environmentDictionary
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var digest = OutputDigest()
        while let chunk = try output.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
            digest.add(chunk)
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("\((command.executable as NSString).lastPathComponent) failed with status \(process.terminationStatus)")
        }
        return digest
    }

    static var environmentDictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: environment.map {
            let parts = $0.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        })
    }

}

/// The size and FNV-1a hash of a stream of bytes: enough to tell two outputs apart.
struct OutputDigest: Equatable, CustomStringConvertible {
    var bytes = 0
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ data: Data) {
        bytes += data.count
        var value = hash
        data.withUnsafeBytes { raw in
            for byte in raw {
                value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        hash = value
    }

    var description: String { "\(bytes) bytes, FNV-1a \(String(hash, radix: 16))" }
}

/// A benchmark step that could not run; the message says what to fix.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
