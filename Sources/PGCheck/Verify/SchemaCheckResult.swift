/// The verdict on one expectation, with what was found.
public struct SchemaCheckResult: Sendable, Equatable, Codable {
    /// PASS or FAIL.
    public enum Status: String, Sendable, Codable {
        /// The expectation holds.
        case pass = "PASS"
        /// It does not.
        case fail = "FAIL"
    }

    /// The expectation, in words (`index usage_admin_bucket_idx on usage_events covers window_start, …`).
    public var expectation: String
    /// PASS or FAIL.
    public var status: Status
    /// Why, in one line: what was found when it holds, what is wrong when it does not.
    public var reason: String
    /// Finer points, one per line: where each covered column sits in the index, which objects are invalid.
    public var details: [String]
    /// The actual definitions that decided the verdict (`pg_get_indexdef`, `pg_get_constraintdef`, a column's type).
    public var evidence: [String]

    /// Creates a result.
    public init(expectation: String, status: Status, reason: String, details: [String] = [], evidence: [String] = []) {
        self.expectation = expectation
        self.status = status
        self.reason = reason
        self.details = details
        self.evidence = evidence
    }

    /// Whether the expectation holds.
    public var passed: Bool { status == .pass }
}
