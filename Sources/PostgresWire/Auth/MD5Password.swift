/// The reply to an `AuthenticationMD5Password` request: `"md5"` followed by
/// `md5hex(md5hex(password + user) + salt)`.
///
/// The inner hash is what PostgreSQL stores in `pg_authid` for an MD5 role; the outer one, salted with
/// the four random bytes of this connection, keeps the stored hash off the wire.
///
/// - Parameters:
///   - user: the role name sent in the startup message (PostgreSQL salts the stored hash with it).
///   - password: the password, used byte for byte as UTF-8 (MD5 authentication does no SASLprep).
///   - salt: the four salt bytes from the server's request.
/// - Returns: the text to send in a `PasswordMessage`, 35 ASCII characters.
func md5PasswordMessage(user: String, password: String, salt: [UInt8]) -> String {
    let storedHash = Crypto.md5Hex(Array(password.utf8) + Array(user.utf8))
    return "md5" + Crypto.md5Hex(Array(storedHash.utf8) + salt)
}
