/// The version of pgcheck, recorded in evidence folders and printed by `pgcheck --version`.
public enum PGCheckVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
