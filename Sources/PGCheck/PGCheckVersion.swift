/// The version of pgcheck, recorded in evidence folders and printed by `pgcheck --version`.
public enum PGCheckVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"

    /// What `pgcheck --version` prints: the version and the commit the binary was built from, so an ops
    /// engineer holding only the binary can name its source: `pgcheck 0.1.0 (commit 18d95c7, 2026-12-05)`.
    /// `-dirty` marks a build from a checkout with changes not in that commit; a build from outside a git
    /// checkout (a source tarball) says `unknown commit` rather than guess.
    public static func line(commit: String?, commitDate: String?, dirty: Bool) -> String {
        guard let commit else { return "pgcheck \(current) (unknown commit)" }
        let date = commitDate.map { ", \($0)" } ?? ""
        return "pgcheck \(current) (commit \(commit)\(dirty ? "-dirty" : "")\(date))"
    }
}
