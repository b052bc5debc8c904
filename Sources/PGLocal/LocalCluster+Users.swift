extension LocalCluster {
    /// A login role created in every cluster, with the pg_hba.conf method it is meant to exercise.
    public struct User: Sendable, Equatable, CustomStringConvertible {
        /// The role name.
        public let name: String
        /// The password, or `nil` for roles that authenticate without one (trust, client certificate).
        public let password: String?
        /// The pg_hba.conf method the role gets over TCP: `scram-sha-256`, `md5`, `trust`, `password` or `cert`.
        public let method: String

        /// The role name only, so printing a user in a test name or log never shows the password.
        public var description: String { name }
    }

    /// The superuser, trusted over the Unix socket and over TCP, for setup and tests.
    public static let superuser = "postgres"

    /// SCRAM-SHA-256 over `local` and `host`. The password holds `@ : / %` so URIs must percent-encode it.
    public static let scramUser = User(name: "pgcheck_scram", password: "scr@m:pass/w%rd", method: "scram-sha-256")
    /// Password stored as MD5 and hba method `md5` (the server asks for an MD5 hash).
    public static let md5User = User(name: "pgcheck_md5", password: "md5-secret", method: "md5")
    /// No password; hba `trust`.
    public static let trustUser = User(name: "pgcheck_trust", password: nil, method: "trust")
    /// SCRAM, allowed only over TLS (`hostssl`); rejected on plain TCP.
    public static let sslOnlyUser = User(name: "pgcheck_sslonly", password: "ssl-only-secret", method: "scram-sha-256")
    /// SCRAM, allowed only without TLS (`hostnossl`); rejected over TLS.
    public static let noSSLUser = User(name: "pgcheck_nossl", password: "no-ssl-secret", method: "scram-sha-256")
    /// SCRAM with a password that SASLprep changes: U+00A0 (no-break space) maps to a space and
    /// U+00AA (ª) normalizes to "a". A client that skips SASLprep computes the wrong proof.
    public static let unicodeUser = User(
        name: "pgcheck_unicode", password: "p\u{00E4}ss\u{00A0}w\u{00AA}rd", method: "scram-sha-256")
    /// No password; hba `cert` over `hostssl`: the client certificate's CN (pgcheck_cert) must match.
    public static let certUser = User(name: "pgcheck_cert", password: nil, method: "cert")
    /// hba `password`: the password travels in clear text (stored as SCRAM on the server).
    public static let cleartextUser = User(name: "pgcheck_password", password: "cleartext-secret", method: "password")

    /// Every test user (the superuser excluded), for table-driven tests.
    public static let testUsers: [User] = [
        scramUser, md5User, trustUser, sslOnlyUser, noSSLUser, unicodeUser, certUser, cleartextUser,
    ]

    /// SQL that creates the test users; the MD5 user's password is set under `password_encryption = md5`.
    static var createUsersSQL: String {
        var statements = testUsers.filter { $0 != md5User }.map { user in
            "CREATE ROLE \(quoteIdentifier(user.name)) LOGIN"
                + (user.password.map { " PASSWORD \(quoteLiteral($0))" } ?? "") + ";"
        }
        statements += [
            "CREATE ROLE \(quoteIdentifier(md5User.name)) LOGIN;",
            "SET password_encryption = 'md5';",
            "ALTER ROLE \(quoteIdentifier(md5User.name)) PASSWORD \(quoteLiteral(md5User.password ?? ""));",
            "RESET password_encryption;",
        ]
        return statements.joined(separator: "\n") + "\n"
    }

    /// An SQL string literal (standard_conforming_strings is on by default).
    static func quoteLiteral(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An SQL identifier in double quotes.
    static func quoteIdentifier(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
