import Foundation

/// The median of repeated measurements with their spread: the figure to quote and how noisy it was.
struct Spread: Sendable {
    let median: Double
    let minimum: Double
    let maximum: Double

    /// Summarises `values` (at least one).
    init(_ values: [Double]) {
        precondition(!values.isEmpty, "a spread needs at least one value")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
    }

    /// `1.23 (1.20–1.31)` with `digits` decimals, after dividing by `scale`.
    func formatted(_ digits: Int = 2, scale: Double = 1) -> String {
        "\(Self.number(median / scale, digits)) (\(Self.number(minimum / scale, digits))–\(Self.number(maximum / scale, digits)))"
    }

    /// Just the median, with `digits` decimals.
    func medianText(_ digits: Int = 2, scale: Double = 1) -> String { Self.number(median / scale, digits) }

    static func number(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// Every sample of one contestant, and their spreads.
struct ContestantSamples: Sendable {
    let name: String
    let commandLine: String
    var samples: [ProcessSample] = []
    /// The table it is reported in (streaming groups; empty elsewhere).
    var group = ""
    /// Whether the ratios of its group are taken to it.
    var isReference = false
    /// Rows it streamed (streaming only).
    var rows = 0

    var wall: Spread { Spread(samples.map(\.wall)) }
    var cpu: Spread { Spread(samples.map(\.cpu)) }
    var user: Spread { Spread(samples.map(\.user)) }
    var system: Spread { Spread(samples.map(\.system)) }
    var peakRSS: Spread { Spread(samples.map(\.peakRSS)) }
    var server: Spread { Spread(samples.map(\.server)) }

    /// Per-repetition ratios of this contestant's figure to `other`'s (paired runs of the same round),
    /// which holds up better than a ratio of medians when the machine's speed drifts.
    func ratio(to other: ContestantSamples, _ figure: (ProcessSample) -> Double) -> Spread {
        Spread(zip(samples, other.samples).map { figure($0) / max(figure($1), 1e-9) })
    }
}
