import Foundation
import PGJSON

/// The verdicts of a `verify` run, as text for people and JSON for machines.
public struct VerificationReport: Sendable, Equatable, Codable {
    /// The version of the JSON form (`pgcheck verify --format json`).
    public static let currentFormatVersion = 1

    /// Counts of verdicts.
    public struct Summary: Sendable, Equatable, Codable {
        /// Expectations that hold.
        public var passed: Int
        /// Expectations that do not.
        public var failed: Int
    }

    /// The JSON format version.
    public var formatVersion: Int
    /// What was checked: a snapshot file's path or a database's redacted connection description.
    public var source: String
    /// Whether every expectation holds (exit status 0; otherwise 1).
    public var passed: Bool
    /// Counts of passed and failed expectations.
    public var summary: Summary
    /// One result per expectation, in the order given.
    public var results: [SchemaCheckResult]

    /// A report of `results` checked against `source`.
    public init(source: String, results: [SchemaCheckResult]) {
        formatVersion = Self.currentFormatVersion
        self.source = source
        self.results = results
        let failed = results.count { !$0.passed }
        passed = failed == 0
        summary = Summary(passed: results.count - failed, failed: failed)
    }

    /// ```
    /// PASS  index usage_admin_bucket_idx on usage_events covers window_start, window_end, source
    ///       public.usage_admin_bucket_idx on public.usage_events is valid and ready: covers all 3 columns
    ///       window_start: key column 4 of 5
    ///       source: INCLUDE column 1 of 1
    ///       evidence: CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (…) INCLUDE (source)
    ///
    /// 1 of 1 expectations hold (checked post-0003.json)
    /// ```
    public var text: String {
        var lines: [String] = []
        for result in results {
            lines.append("\(result.status.rawValue)  \(result.expectation)")
            lines.append("      " + (result.passed ? "" : "reason: ") + result.reason)
            lines += result.details.map { "      " + $0 }
            lines += result.evidence.map { "      evidence: " + $0.replacingOccurrences(of: "\n", with: "\n                ") }
        }
        let verdict = summary.failed == 0
            ? "\(summary.passed) of \(results.count) expectations hold"
            : "\(summary.failed) of \(results.count) expectations FAIL"
        lines += ["", "\(verdict) (checked \(source))"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pretty-printed JSON with sorted keys and a trailing newline.
    public func encodedJSON() throws -> Data { try CanonicalJSONDocument.data(of: self) }
}
