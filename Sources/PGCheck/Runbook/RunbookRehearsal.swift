import PostgresWire

/// The runbook's lock rehearsal before the apply: where it runs, which hazards the operator accepts, and
/// the blocking limit.
public struct RunbookRehearsal: Sendable {
    /// Where to rehearse.
    public enum Target: Sendable {
        /// A rehearsal database with the target's schema and data (a Neon branch, a restored copy).
        case database(ConnectionConfiguration)
        /// A database made for the rehearsal: given the migrations the target has applied, replay them
        /// (and load data) and return the session to rehearse on, with a description for the evidence.
        case prepared(description: String, prepare: @Sendable (_ applied: [DrizzleMigration]) throws -> PostgresConnection)
    }

    /// Where to rehearse.
    public var target: Target
    /// Hazard kinds the operator accepts: the run goes on despite them, and the apply log says so.
    public var accepted: Set<RehearsalHazard.Kind>
    /// How long a table may be blocked before it is a hazard.
    public var maxBlocked: Duration

    /// Creates a rehearsal plan.
    public init(target: Target, accepted: Set<RehearsalHazard.Kind> = [], maxBlocked: Duration = .seconds(1)) {
        self.target = target
        self.accepted = accepted
        self.maxBlocked = maxBlocked
    }
}
