import Testing

@testable import PostgresWire

/// Connection URIs, starting with every example of libpq's "Connection URIs" documentation.
@Suite struct ConfigURITests {
    /// An environment with nothing in it but a user, so that defaults are predictable.
    private static let environment = ["PGUSER": "envuser"]
    private static let sockets = EndpointList.defaultSocketDirectories.map { Endpoint(host: $0, port: 5432) }

    struct Example: Sendable, CustomTestStringConvertible {
        let uri: String
        let expected: ConnectionConfiguration
        var testDescription: String { uri }
    }

    static let documentationExamples: [Example] = [
        Example(
            uri: "postgresql://",
            expected: .init(endpoints: sockets, user: "envuser", database: "envuser")),
        Example(
            uri: "postgresql://localhost",
            expected: .init(endpoints: [Endpoint(host: "localhost")], user: "envuser", database: "envuser")),
        Example(
            uri: "postgresql://localhost:5433",
            expected: .init(endpoints: [Endpoint(host: "localhost", port: 5433)], user: "envuser", database: "envuser")),
        Example(
            uri: "postgresql://localhost/mydb",
            expected: .init(endpoints: [Endpoint(host: "localhost")], user: "envuser", database: "mydb")),
        Example(
            uri: "postgresql://user@localhost",
            expected: .init(endpoints: [Endpoint(host: "localhost")], user: "user", database: "user")),
        Example(
            uri: "postgresql://user:secret@localhost",
            expected: .init(
                endpoints: [Endpoint(host: "localhost")], user: "user", database: "user", password: "secret")),
        Example(
            uri: "postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp",
            expected: .init(
                endpoints: [Endpoint(host: "localhost")], user: "other", database: "otherdb",
                applicationName: "myapp", connectTimeout: 10)),
        Example(
            uri: "postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp",
            expected: .init(
                endpoints: [Endpoint(host: "host1", port: 123), Endpoint(host: "host2", port: 456)],
                user: "envuser", database: "somedb", applicationName: "myapp", targetSessionAttrs: .any)),
        Example(
            uri: "postgresql:///mydb?host=localhost&port=5433",
            expected: .init(endpoints: [Endpoint(host: "localhost", port: 5433)], user: "envuser", database: "mydb")),
        Example(
            uri: "postgresql://[2001:db8::1234]/database",
            expected: .init(endpoints: [Endpoint(host: "2001:db8::1234")], user: "envuser", database: "database")),
        Example(
            uri: "postgresql:///dbname?host=/var/lib/postgresql",
            expected: .init(endpoints: [Endpoint(host: "/var/lib/postgresql")], user: "envuser", database: "dbname")),
        Example(
            uri: "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname",
            expected: .init(endpoints: [Endpoint(host: "/var/lib/postgresql")], user: "envuser", database: "dbname")),
        Example(
            uri: "postgresql://user@localhost:5433/mydb?options=-c%20synchronous_commit%3Doff",
            expected: .init(
                endpoints: [Endpoint(host: "localhost", port: 5433)], user: "user", database: "mydb",
                options: "-c synchronous_commit=off")),
    ]

    @Test(arguments: documentationExamples)
    func documentationExample(_ example: Example) throws {
        let parsed = try ConnectionConfiguration.parse(example.uri, environment: Self.environment)
        #expect(parsed == example.expected)
    }

    static let moreExamples: [Example] = [
        Example(
            uri: "postgres://alice@db.example.com/app",
            expected: .init(endpoints: [Endpoint(host: "db.example.com")], user: "alice", database: "app")),
        Example(
            uri: "postgresql://us%40er:p%40ss%3Aw%2Fd@host/d%20b",
            expected: .init(endpoints: [Endpoint(host: "host")], user: "us@er", database: "d b", password: "p@ss:w/d")),
        Example(
            uri: "postgresql://h/db?ssl=true",
            expected: .init(endpoints: [Endpoint(host: "h")], user: "envuser", database: "db", sslMode: .require)),
        Example(
            uri: "postgresql://h/db?requiressl=1",
            expected: .init(endpoints: [Endpoint(host: "h")], user: "envuser", database: "db", sslMode: .require)),
        Example(
            uri: "postgresql://h1,h2:5433/db",
            expected: .init(
                endpoints: [Endpoint(host: "h1", port: 5432), Endpoint(host: "h2", port: 5433)],
                user: "envuser", database: "db")),
        Example(
            uri: "postgresql://[::1]:5433,[fe80::1%25eth0]/db",
            expected: .init(
                endpoints: [Endpoint(host: "::1", port: 5433), Endpoint(host: "fe80::1%eth0")],
                user: "envuser", database: "db")),
        Example(
            uri: "postgresql://a:6000/db?host=b",
            expected: .init(endpoints: [Endpoint(host: "b", port: 6000)], user: "envuser", database: "db")),
        Example(
            uri: "postgresql://a%2Cb/db",
            expected: .init(endpoints: [Endpoint(host: "a"), Endpoint(host: "b")], user: "envuser", database: "db")),
        Example(
            uri: "postgresql://:@h/?",
            expected: .init(endpoints: [Endpoint(host: "h")], user: "envuser", database: "envuser")),
        Example(
            uri: "postgresql://h/db?application_name=a%26b&",
            expected: .init(endpoints: [Endpoint(host: "h")], user: "envuser", database: "db", applicationName: "a&b")),
        Example(
            uri: "postgresql://ep-cool-123.neon.tech/neondb?sslmode=verify-full&options=endpoint%3Dep-cool-123",
            expected: .init(
                endpoints: [Endpoint(host: "ep-cool-123.neon.tech")], user: "envuser", database: "neondb",
                sslMode: .verifyFull, options: "endpoint=ep-cool-123")),
        Example(
            uri: "postgresql://%40abstract/db",
            expected: .init(endpoints: [Endpoint(host: "@abstract")], user: "envuser", database: "db")),
    ]

    @Test(arguments: moreExamples)
    func moreURIs(_ example: Example) throws {
        let parsed = try ConnectionConfiguration.parse(example.uri, environment: Self.environment)
        #expect(parsed == example.expected)
    }

    @Test func emptyPathLeavesPGDATABASEInForce() throws {
        let parsed = try ConnectionConfiguration.parse(
            "postgresql://h/", environment: ["PGUSER": "u", "PGDATABASE": "fromenv"])
        #expect(parsed.database == "fromenv")
    }

    /// libpq tells a URI by the bytes it starts with; in Swift, "/" followed by U+0301 is one character
    /// that is not "/", so a character-wise prefix test read this URI as a key=value string.
    @Test func theSchemeIsRecognisedByItsBytes() throws {
        let parsed = try ConnectionConfiguration.parse("postgres://\u{301}h/db", environment: Self.environment)
        #expect(parsed.endpoints.map { Array($0.host.utf8) } == [[0xCC, 0x81, UInt8(ascii: "h")]])
        #expect(parsed.database == "db")
    }

    @Test func hostsWithoutPortsHidePGPORT() throws {
        // libpq stores port "," for two hosts without ports, so PGPORT no longer applies.
        let parsed = try ConnectionConfiguration.parse(
            "postgresql://a,b/db", environment: ["PGUSER": "u", "PGPORT": "7000"])
        #expect(parsed.endpoints.map(\.port) == [5432, 5432])
        let single = try ConnectionConfiguration.parse(
            "postgresql://a/db", environment: ["PGUSER": "u", "PGPORT": "7000"])
        #expect(single.endpoints.map(\.port) == [7000])
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let uri: String
        let messageContains: String
        var testDescription: String { uri }
    }

    static let failures: [Failure] = [
        Failure(uri: "postgresql://h/db?foo=bar", messageContains: "invalid URI query parameter: \"foo\""),
        Failure(uri: "postgresql://h/db?sslmod=require", messageContains: "did you mean \"sslmode\"?"),
        Failure(uri: "postgresql://h/db?ssl=false", messageContains: "invalid URI query parameter: \"ssl\""),
        Failure(uri: "postgresql://h/db?sslmode", messageContains: "missing key/value separator \"=\""),
        Failure(uri: "postgresql://h/db?sslmode=a=b", messageContains: "extra key/value separator \"=\""),
        Failure(uri: "postgresql://h/db?sslmode=require&&port=1", messageContains: "missing key/value separator \"=\" in URI query parameter: \"\""),
        Failure(uri: "postgresql://h/d%zzb", messageContains: "invalid percent-encoded token in URI dbname: \"d%zzb\""),
        Failure(uri: "postgresql://h/db%", messageContains: "invalid percent-encoded token"),
        Failure(uri: "postgresql://h/d%00b", messageContains: "forbidden value %00"),
        Failure(uri: "postgresql://[::1/db", messageContains: "matching \"]\" in IPv6 host address"),
        Failure(uri: "postgresql://[]/db", messageContains: "IPv6 host address may not be empty"),
        Failure(uri: "postgresql://[::1]x/db", messageContains: "unexpected character \"x\" at position 19"),
        Failure(uri: "postgresql://h:abc/db", messageContains: "invalid integer value \"abc\" for connection option \"port\""),
        Failure(uri: "postgresql://h:0/db", messageContains: "invalid port number: \"0\""),
        Failure(uri: "postgresql://h:70000/db", messageContains: "invalid port number: \"70000\""),
        Failure(uri: "postgresql://h/db?sslmode=bogus", messageContains: "invalid sslmode value: \"bogus\""),
        Failure(uri: "postgresql://h/db?connect_timeout=soon", messageContains: "invalid integer value \"soon\""),
    ]

    @Test(arguments: failures)
    func rejected(_ failure: Failure) {
        let error = #expect(throws: ClientError.self) {
            try ConnectionConfiguration.parse(failure.uri, environment: Self.environment)
        }
        #expect(error?.phase == .configuration)
        #expect(error?.message.contains(failure.messageContains) == true, "\(error?.message ?? "no error")")
    }

    /// Malformed secrets must not be echoed: the message names the part instead.
    @Test(arguments: [
        "postgresql://u:s3cr%zzet@h/db",
        "postgresql://u:s3cr%00et@h/db",
        "postgresql://h/db?password=s3cr%zzet",
        "postgresql://h/db?sslpassword=s3cr%zzet",
        "postgresql://h/db?passwords3cret",
        "postgresql://h/db?password%3Ds3cret",
    ])
    func errorsNeverEchoPasswords(uri: String) {
        let error = #expect(throws: ClientError.self) {
            try ConnectionConfiguration.parse(uri, environment: Self.environment)
        }
        #expect(error != nil)
        #expect(error?.message.contains("s3cr") == false, "\(error?.message ?? "")")
    }

    @Test func schemeIsCaseSensitiveAsInLibpq() {
        let error = #expect(throws: ClientError.self) {
            try ConnectionConfiguration.parse("POSTGRESQL://h/db", environment: Self.environment)
        }
        #expect(error?.message.contains("missing \"=\"") == true)
    }
}
