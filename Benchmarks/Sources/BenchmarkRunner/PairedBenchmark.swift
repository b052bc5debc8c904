import Foundation

/// Two or more commands measured in alternation (A B A B …) after a warm-up, so drift in the machine's
/// speed hits them alike: connection set-up, snapshot against pg_dump, diff.
struct PairedBenchmark {
    let label: String
    let commands: [(name: String, command: Command)]
    let repetitions: Int
    let warmups: Int
    let measurer: Measurer
    let secret: String
    /// Exit statuses that count as success (diff exits 1 when the snapshots differ).
    var acceptedStatuses: Set<Int32> = [0]

    func run() throws -> [ContestantSamples] {
        var results = commands.map { ContestantSamples(name: $0.name, commandLine: $0.command.display(redacting: secret)) }
        for round in 0..<(warmups + repetitions) {
            for offset in 0..<commands.count {
                let index = (offset + round) % commands.count
                let command = commands[index].command
                let sample = try measurer.measure(command, label: "\(label)-\(index)", acceptedStatuses: acceptedStatuses)
                if round >= warmups { results[index].samples.append(sample) }
            }
        }
        Log.progress("\(label): " + results.map { "\($0.name.prefix(28)) \($0.wall.medianText(3)) s" }.joined(separator: ", "))
        return results
    }
}
