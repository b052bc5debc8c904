import Testing

@testable import PostgresWire

@Suite("MD5 password message")
struct MD5PasswordTests {
    // Expected values computed independently with Python:
    //   "md5" + md5(md5(password + user).hexdigest().encode() + salt).hexdigest()
    @Test("matches values computed with Python's hashlib", arguments: [
        ("postgres", "secret", [UInt8]([0x01, 0x02, 0x03, 0x04]), "md5bb41a296aab6baccb36ff243a562abff"),
        ("alice", "wonderland", [UInt8]([0xDE, 0xAD, 0xBE, 0xEF]), "md5b1571f9deaaa37580b2e2cbcfd516f3a"),
    ])
    func knownValues(user: String, password: String, salt: [UInt8], expected: String) {
        #expect(md5PasswordMessage(user: user, password: password, salt: salt) == expected)
    }

    @Test("the salt changes the answer, the shape stays 'md5' plus 32 hex digits")
    func saltMatters() {
        let one = md5PasswordMessage(user: "postgres", password: "secret", salt: [1, 2, 3, 4])
        let other = md5PasswordMessage(user: "postgres", password: "secret", salt: [1, 2, 3, 5])
        #expect(one != other)
        #expect(other.hasPrefix("md5"))
        #expect(other.count == 35)
        #expect(other.dropFirst(3).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
}
