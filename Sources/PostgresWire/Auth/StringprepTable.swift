/// A set of Unicode code points stored as sorted, inclusive, non-overlapping ranges, as the RFC 3454
/// tables are published. Membership is a binary search, so even the large tables cost a few comparisons.
struct StringprepTable: Sendable {
    /// Range bounds in pairs: `bounds[2k]` is the first and `bounds[2k + 1]` the last code point of range k.
    private let bounds: [UInt32]

    /// Creates a table from flat pairs of inclusive bounds, sorted ascending.
    init(bounds: [UInt32]) {
        precondition(bounds.count % 2 == 0, "stringprep table bounds must come in pairs")
        self.bounds = bounds
    }

    /// Whether `scalar` falls in one of the ranges.
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        contains(scalar.value)
    }

    /// Whether the code point `value` falls in one of the ranges.
    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = bounds.count / 2 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < bounds[2 * middle] {
                high = middle - 1
            } else if value > bounds[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
