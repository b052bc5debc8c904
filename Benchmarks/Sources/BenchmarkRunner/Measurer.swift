import Foundation

/// Measures commands through the `rusage_run` wrapper, keeping each one's standard error in the work
/// folder and failing loudly (with that error) when a command exits with a status it should not.
struct Measurer {
    /// The compiled Benchmarks/tools/rusage_run.c.
    let wrapper: String
    /// Where error logs and result files go.
    let workFolder: String

    /// Measures `command`; with a `server` meter, also the server's CPU time meanwhile.
    func measure(_ command: Command, label: String, acceptedStatuses: Set<Int32> = [0], server: ServerCPUMeter? = nil) throws -> ProcessSample {
        let errorLog = path("\(label).err")
        let before = server?.read()
        var sample = try ChildProcess.measure(command, wrapper: wrapper, resultFile: path("\(label).rusage"), errorLog: errorLog)
        if let server, let before { sample.server = server.seconds(since: before) }
        guard acceptedStatuses.contains(sample.status) else {
            let errors = (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
            throw BenchmarkError("\((command.executable as NSString).lastPathComponent) exited with status \(sample.status): \(errors.suffix(500))")
        }
        return sample
    }

    /// A file in the work folder.
    func path(_ name: String) -> String { (workFolder as NSString).appendingPathComponent(name) }
}
