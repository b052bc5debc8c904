import Testing
import PostgresWire

/// Incremental SHA-256 matches the one-shot digest and the published test vectors.
@Suite struct SHA256HasherTests {
    @Test func knownVectors() {
        #expect(SHA256Hasher.hash(Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hash([UInt8]()).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func piecesGiveTheSameDigestAsTheWhole() {
        let text = String(repeating: "usage_events,", count: 1000)
        var hasher = SHA256Hasher()
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            hasher.update(String(piece))
            hasher.update(",")
        }
        var whole = Array(text.utf8)
        whole.append(UInt8(ascii: ","))
        #expect(hasher.finalize() == SHA256Hasher.hash(whole))
    }
}
