import Foundation
import Testing

/// The comparison the psql parity tests use tells apart what `String ==` does not.
@Suite struct SameBytesTests {
    static let decomposed = "caf" + "e\u{301}"
    static let precomposed = "caf\u{E9}"

    @Test func canonicallyEquivalentTextInOtherBytesIsADifference() throws {
        #expect(Self.decomposed == Self.precomposed, "Swift's String == calls them equal")
        let difference = try #require(ByteDifference(Data(Self.decomposed.utf8), Data(Self.precomposed.utf8)))
        #expect(difference.offset == 3)
        #expect(difference.description.contains("[63 61 66 65 cc 81]"), "\(difference)")
        withKnownIssue("expectSameBytes fails on canonically equivalent text") {
            expectSameBytes(Data(Self.decomposed.utf8), Data(Self.precomposed.utf8))
        }
    }

    @Test func theSameBytesAreNoDifference() {
        #expect(ByteDifference(Data(Self.decomposed.utf8), Data(Self.decomposed.utf8)) == nil)
        #expect(ByteDifference(Data(), Data()) == nil)
        expectSameBytes(Data(Self.precomposed.utf8), Data(Self.precomposed.utf8))
    }

    @Test func aPrefixIsADifferenceAtTheShorterLength() throws {
        let difference = try #require(ByteDifference(Data("abc".utf8), Data("abcd".utf8)))
        #expect(difference.offset == 3)
    }
}
