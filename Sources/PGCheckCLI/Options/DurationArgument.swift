import ArgumentParser
import PGSupport
import Foundation

/// A duration on the command line: `1.5` or `1.5s` (seconds), `500ms`, `2min` or `2m`, `1h`.
struct DurationArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("min", 60), ("s", 1), ("m", 60), ("h", 3600), ("", 1)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Double(text.dropLast(unit.suffix.count)), value.isFinite, value >= 0 else { continue }
            duration = .milliseconds(roundingUp: value * unit.seconds)
            return
        }
        return nil
    }

    var defaultValueDescription: String { "\(duration)" }
}
