import Testing
import PGCheck

/// `pgcheck --version` names the build's commit, so an ops engineer holding only the binary can find its source.
@Suite struct PGCheckVersionTests {
    @Test func namesTheCommitAndItsDate() {
        #expect(PGCheckVersion.line(commit: "18d95c7", commitDate: "2026-12-05", dirty: false) == "pgcheck 0.1.0 (commit 18d95c7, 2026-12-05)")
    }

    @Test func marksABuildWithUncommittedChanges() {
        #expect(PGCheckVersion.line(commit: "18d95c7", commitDate: "2026-12-05", dirty: true) == "pgcheck 0.1.0 (commit 18d95c7-dirty, 2026-12-05)")
    }

    @Test func saysUnknownOutsideACheckoutRatherThanGuess() {
        #expect(PGCheckVersion.line(commit: nil, commitDate: nil, dirty: false) == "pgcheck 0.1.0 (unknown commit)")
        #expect(PGCheckVersion.line(commit: "18d95c7", commitDate: nil, dirty: false) == "pgcheck 0.1.0 (commit 18d95c7)")
    }
}
