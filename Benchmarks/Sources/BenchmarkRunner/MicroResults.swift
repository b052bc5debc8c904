import Foundation

/// The micro-benchmarks' figures, read from `swift test` output (XCTest `measure` lines).
///
/// Each benchmark prints `MICRO <test name> operations=<n>` before measuring, so a block's time can be
/// turned into a time per operation.
struct MicroResult {
    let name: String
    let operations: Int
    let average: Double
    let relativeDeviation: String
    let minimum: Double
    let maximum: Double

    var nanosecondsPerOperation: Double { average / Double(max(operations, 1)) * 1e9 }

    static func parse(_ output: String) -> [MicroResult] {
        var operations: [String: Int] = [:]
        var results: [MicroResult] = []
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("MICRO ") {
                let parts = line.split(separator: " ")
                if parts.count >= 3, let count = Int(parts[2].replacingOccurrences(of: "operations=", with: "")) {
                    operations[String(parts[1])] = count
                }
                continue
            }
            // XCTest prints the average to three decimals; the values list keeps six, so average those.
            guard line.contains("measured [Time, seconds]"),
                  let name = line.split(separator: "'").dropFirst().first.map(String.init),
                  let values = list(after: "values: [", in: line), !values.isEmpty else { continue }
            let average = values.reduce(0, +) / Double(values.count)
            let deviation = line.components(separatedBy: "relative standard deviation: ").dropFirst().first?
                .split(separator: ",").first.map(String.init) ?? "?"
            let shortName = name.split(separator: ".").last.map(String.init) ?? name
            results.append(MicroResult(
                name: shortName, operations: operations[shortName] ?? 1, average: average,
                relativeDeviation: deviation, minimum: values.min() ?? average, maximum: values.max() ?? average))
        }
        return results
    }

    private static func list(after marker: String, in line: String) -> [Double]? {
        guard let rest = line.components(separatedBy: marker).dropFirst().first,
              let body = rest.split(separator: "]").first else { return nil }
        return body.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }
}
