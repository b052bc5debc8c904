/// Whether one expectation held, with the value that decided it.
public struct SmokeVerdict: Sendable, Equatable, CustomStringConvertible {
    /// The expectation checked.
    public let expectation: SmokeExpectation
    /// Whether it held.
    public let passed: Bool
    /// The actual value as shown to people: `0`, `'api_calls'`, `NULL`, `3 rows`.
    public let actual: String
    /// Why it could not hold beyond the value itself (several rows, not a number...), or nil.
    public let reason: String?

    /// Creates a verdict.
    public init(expectation: SmokeExpectation, passed: Bool, actual: String, reason: String? = nil) {
        self.expectation = expectation
        self.passed = passed
        self.actual = actual
        self.reason = reason
    }

    /// `PASS missing_window_end = 0 (actual: 0)` or `FAIL … (actual: 12)`.
    public var description: String {
        let reasonText = reason.map { "; \($0)" } ?? ""
        return "\(passed ? "PASS" : "FAIL") \(expectation) (actual: \(actual)\(reasonText))"
    }
}
