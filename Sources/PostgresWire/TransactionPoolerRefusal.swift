import PGSupport

/// Work that needs one server session throughout (an apply, a rehearsal) was pointed at a transaction
/// pooler, where a session's locks, settings and transactions do not outlive its transaction.
///
/// Bad input: the fix is the connection string, which the ``description`` says how to change (the direct
/// host's name when the pooler's name gives it away).
public struct TransactionPoolerRefusal: ClassifiedError, CustomStringConvertible, Sendable {
    /// What gave the pooler away.
    public let evidence: TransactionPoolerEvidence
    /// The work refused, e.g. "migrations apply".
    public let work: String

    /// Creates a refusal.
    public init(evidence: TransactionPoolerEvidence, work: String) {
        self.evidence = evidence
        self.work = work
    }

    /// One line: what was refused, why, and where to go instead.
    public var description: String {
        let state: String
        switch evidence.signal {
        case .hostName: state = "where a session does not keep its state between transactions"
        case .processID: state = "where a session need not keep its state between transactions"
        }
        let direct = evidence.directHostName.map { "use the direct host \($0)" } ?? "connect to the database's direct host instead"
        return "\(work) refused: \(evidence), \(state); \(work) needs one session throughout: \(direct)"
    }

    /// The connection string names the wrong host: bad input.
    public var failureKind: FailureKind { .badInput }
}
