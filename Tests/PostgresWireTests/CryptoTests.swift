import Testing

@testable import PostgresWire

@Suite("Crypto primitives against published vectors")
struct CryptoTests {
    @Test("SHA-256 of known inputs (FIPS 180-2)", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256(input: String, expected: String) {
        #expect(Crypto.hex(Crypto.sha256(Array(input.utf8))) == expected)
    }

    @Test("SHA-256 accepts any collection and raw memory alike")
    func sha256Overloads() {
        let bytes = Array("abc".utf8)
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(Crypto.hex(Crypto.sha256("abc".utf8)) == expected)
        #expect(Crypto.hex(Crypto.sha256(bytes[...])) == expected)
        #expect(Crypto.hex(bytes.withUnsafeBytes { Crypto.sha256($0) }) == expected)
    }

    @Test("HMAC-SHA-256, RFC 4231 test case 2")
    func hmacRFC4231Case2() {
        let mac = Crypto.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Crypto.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("HMAC-SHA-256 with an empty key and message (value from Python's hmac module)")
    func hmacEmpty() {
        let mac = Crypto.hmacSHA256(key: [], message: [])
        #expect(Crypto.hex(mac) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("PBKDF2-HMAC-SHA-256 vectors (RFC 7914 section 11 and the common 4096-round vector)", arguments: [
        ("passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"),
        ("password", "salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
        ("", "salt", 2, "62384466264daadc4144018c6bd864648272b34da8980d31521ffcce92ae003b"),  // from Python's hashlib
    ])
    func pbkdf2(password: String, salt: String, iterations: Int, expected: String) {
        let key = Crypto.pbkdf2SHA256(password: Array(password.utf8), salt: Array(salt.utf8), iterations: iterations)
        #expect(key.count == 32)
        #expect(Crypto.hex(key) == expected)
    }

    @Test("MD5 of known inputs (RFC 1321)", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
    ])
    func md5(input: String, expected: String) {
        #expect(Crypto.md5Hex(Array(input.utf8)) == expected)
    }

    @Test("hex is lowercase, two digits per byte")
    func hex() {
        #expect(Crypto.hex([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(Crypto.hex([]) == "")
    }

    @Test("random bytes have the requested length and differ between calls")
    func randomBytes() throws {
        let first = try Crypto.randomBytes(32)
        let second = try Crypto.randomBytes(32)
        #expect(first.count == 32)
        #expect(first != second)
        #expect(try Crypto.randomBytes(0).isEmpty)
    }

    @Test("constant-time comparison", arguments: [
        ([UInt8](), [UInt8](), true),
        ([1, 2, 3], [1, 2, 3], true),
        ([1, 2, 3], [1, 2, 4], false),
        ([1, 2, 3], [1, 2], false),
    ])
    func constantTimeEqual(lhs: [UInt8], rhs: [UInt8], equal: Bool) {
        #expect(Crypto.constantTimeEqual(lhs, rhs) == equal)
    }
}
