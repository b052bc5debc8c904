import Testing

@testable import PostgresWire

/// The `PG*` environment variables, libpq's defaults, precedence, and pgcheck's
/// `--url` / `DATABASE_URL` rule. Every test passes its own environment dictionary.
@Suite struct ConfigEnvironmentTests {
    @Test func defaultsWithAnEmptyEnvironment() throws {
        let osUser = try LocalAccount.userName()
        let parsed = try ConnectionConfiguration.fromEnvironment([:])
        #expect(
            parsed
                == ConnectionConfiguration(
                    endpoints: [Endpoint(host: "/var/run/postgresql"), Endpoint(host: "/tmp")],
                    user: osUser, database: osUser))
        #expect(parsed.endpoints.allSatisfy { $0.isUnixSocket })
    }

    @Test func everyVariableIsRead() throws {
        let environment = [
            "PGHOST": "h1,h2", "PGPORT": "6001,6002", "PGUSER": "alice", "PGPASSWORD": "pw", "PGDATABASE": "app",
            "PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/root.pem", "PGSSLCERT": "/cert.pem", "PGSSLKEY": "/key.pem",
            "PGSSLSNI": "0", "PGAPPNAME": "job", "PGCONNECT_TIMEOUT": "9", "PGOPTIONS": "-c work_mem=64MB",
            "PGCHANNELBINDING": "require", "PGPASSFILE": "/pgpass", "PGTARGETSESSIONATTRS": "read-write",
            "PGREQUIREAUTH": "scram-sha-256", "PGSSLCRL": "/crl", "PGSSLCRLDIR": "/crls", "PGSSLCERTMODE": "disable",
            "PGSSLMINPROTOCOLVERSION": "TLSv1.3", "PGSSLMAXPROTOCOLVERSION": "TLSv1.3", "PGLOADBALANCEHOSTS": "random",
        ]
        let parsed = try ConnectionConfiguration.fromEnvironment(environment)
        let expected = ConnectionConfiguration(
            endpoints: [Endpoint(host: "h1", port: 6001), Endpoint(host: "h2", port: 6002)],
            user: "alice", database: "app", password: "pw", sslMode: .verifyFull, sslRootCert: "/root.pem",
            sslCert: "/cert.pem", sslKey: "/key.pem", sslCRL: "/crl", sslCRLDir: "/crls", sslCertMode: .disable,
            sslMinProtocolVersion: .tls1_3, sslMaxProtocolVersion: .tls1_3, sslSNI: false,
            channelBinding: .require, applicationName: "job", connectTimeout: 9, options: "-c work_mem=64MB",
            passfile: "/pgpass", targetSessionAttrs: .readWrite, requireAuth: "scram-sha-256",
            loadBalanceHosts: .random)
        #expect(parsed == expected)
    }

    @Test func hostaddrFromTheEnvironment() throws {
        let parsed = try ConnectionConfiguration.fromEnvironment(["PGUSER": "u", "PGHOSTADDR": "192.0.2.7"])
        #expect(parsed.endpoints == [Endpoint(host: "", hostaddr: "192.0.2.7")])
    }

    struct Precedence: Sendable, CustomTestStringConvertible {
        let connectionString: String
        let environment: [String: String]
        let check: @Sendable (ConnectionConfiguration) -> Bool
        let label: String
        var testDescription: String { label }
    }

    static let precedence: [Precedence] = [
        Precedence(
            connectionString: "host=fromstring", environment: ["PGHOST": "fromenv", "PGUSER": "u"],
            check: { $0.endpoints == [Endpoint(host: "fromstring")] }, label: "string beats PGHOST"),
        Precedence(
            connectionString: "dbname=x", environment: ["PGHOST": "fromenv", "PGUSER": "u"],
            check: { $0.endpoints == [Endpoint(host: "fromenv")] }, label: "PGHOST beats the default"),
        Precedence(
            connectionString: "host=''", environment: ["PGHOST": "fromenv", "PGUSER": "u"],
            check: { $0.endpoints.map(\.host) == EndpointList.defaultSocketDirectories },
            label: "an empty host hides PGHOST"),
        Precedence(
            connectionString: "", environment: ["PGHOST": "", "PGPORT": "", "PGUSER": ""],
            check: { $0.endpoints.map(\.host) == EndpointList.defaultSocketDirectories && $0.endpoints[0].port == 5432 },
            label: "empty PGHOST and PGPORT mean the defaults"),
        Precedence(
            connectionString: "postgresql://bob@h/db", environment: ["PGUSER": "alice", "PGDATABASE": "other"],
            check: { $0.user == "bob" && $0.database == "db" }, label: "URI parts beat PGUSER and PGDATABASE"),
        Precedence(
            connectionString: "postgresql://h", environment: ["PGUSER": "alice"],
            check: { $0.user == "alice" && $0.database == "alice" }, label: "database defaults to the user"),
        Precedence(
            connectionString: "postgresql://bob@h/db", environment: ["PGPASSWORD": "envpw"],
            check: { $0.password == "envpw" }, label: "PGPASSWORD fills in a URI without password"),
        Precedence(
            connectionString: "postgresql://bob:uripw@h/db", environment: ["PGPASSWORD": "envpw"],
            check: { $0.password == "uripw" }, label: "the URI's password beats PGPASSWORD"),
        Precedence(
            connectionString: "sslmode=disable", environment: ["PGSSLMODE": "require", "PGUSER": "u"],
            check: { $0.sslMode == .disable }, label: "sslmode beats PGSSLMODE"),
        Precedence(
            connectionString: "", environment: ["PGREQUIRESSL": "1", "PGUSER": "u"],
            check: { $0.sslMode == .require }, label: "PGREQUIRESSL=1 means require"),
        Precedence(
            connectionString: "", environment: ["PGREQUIRESSL": "1", "PGSSLMODE": "allow", "PGUSER": "u"],
            check: { $0.sslMode == .allow }, label: "PGSSLMODE beats PGREQUIRESSL"),
        Precedence(
            connectionString: "", environment: ["PGREQUIRESSL": "0", "PGUSER": "u"],
            check: { $0.sslMode == .prefer }, label: "PGREQUIRESSL=0 changes nothing"),
        Precedence(
            connectionString: "", environment: ["PGPORT": "6000", "PGUSER": "u"],
            check: { $0.endpoints.map(\.port) == [6000, 6000] }, label: "PGPORT applies to both default sockets"),
        Precedence(
            connectionString: "application_name=''", environment: ["PGAPPNAME": "env", "PGUSER": "u"],
            check: { $0.applicationName == "" }, label: "an empty application_name hides PGAPPNAME"),
        Precedence(
            connectionString: "", environment: ["PGCONNECT_TIMEOUT": "1", "PGUSER": "u"],
            check: { $0.connectTimeout == 2 }, label: "PGCONNECT_TIMEOUT=1 becomes 2"),
    ]

    @Test(arguments: precedence)
    func precedenceRules(_ rule: Precedence) throws {
        let parsed = try ConnectionConfiguration.parse(rule.connectionString, environment: rule.environment)
        #expect(rule.check(parsed), "\(parsed.redactedDescription)")
    }

    @Test(arguments: [
        ("PGSSLMODE", "bogus", "invalid sslmode value: \"bogus\" (from PGSSLMODE)"),
        ("PGSSLMODE", "", "invalid sslmode value: \"\" (from PGSSLMODE)"),
        ("PGPORT", "x", "invalid integer value \"x\" for connection option \"port\" (from PGPORT)"),
        ("PGCONNECT_TIMEOUT", "soon", "(from PGCONNECT_TIMEOUT)"),
        ("PGCHANNELBINDING", "always", "invalid channel_binding value: \"always\" (from PGCHANNELBINDING)"),
        ("PGTARGETSESSIONATTRS", "rw", "(from PGTARGETSESSIONATTRS)"),
        ("PGSERVICE", "prod", "(service \"prod\" (from PGSERVICE))"),
    ])
    func badEnvironmentValuesNameTheVariable(variable: String, value: String, message: String) {
        let error = #expect(throws: ClientError.self) {
            try ConnectionConfiguration.fromEnvironment(["PGUSER": "u", variable: value])
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }

    @Test func resolvePrefersTheURLArgument() throws {
        let environment = ["DATABASE_URL": "postgresql://env@envhost/envdb", "PGUSER": "pguser"]
        let parsed = try ConnectionConfiguration.resolve(url: "postgresql://arg@arghost/argdb", environment: environment)
        #expect(parsed.endpoints == [Endpoint(host: "arghost")] && parsed.user == "arg")
    }

    @Test func resolveFallsBackToDatabaseURL() throws {
        let environment = ["DATABASE_URL": "postgresql://env@envhost/envdb\n", "PGHOST": "pghost"]
        let parsed = try ConnectionConfiguration.resolve(url: nil, environment: environment)
        #expect(parsed.endpoints == [Endpoint(host: "envhost")])
        #expect(parsed.user == "env" && parsed.database == "envdb")
    }

    @Test func resolveAcceptsKeyValueStrings() throws {
        let fromURL = try ConnectionConfiguration.resolve(url: "host=a dbname=b user=c", environment: [:])
        #expect(fromURL.endpoints == [Endpoint(host: "a")] && fromURL.database == "b")
        let fromEnvironment = try ConnectionConfiguration.resolve(
            url: nil, environment: ["DATABASE_URL": " host=x user=y "])
        #expect(fromEnvironment.endpoints == [Endpoint(host: "x")] && fromEnvironment.user == "y")
    }

    @Test(arguments: [
        ("  host=a\n", "host=a"), ("\t\r\nhost=a b=c \u{2028}\u{00A0}", "host=a b=c"), ("host=a", "host=a"),
        (" \n ", ""), ("", ""), ("é ", "é"),
    ])
    func surroundingWhiteSpaceIsTrimmedAsUnicodeDefinesIt(text: String, expected: String) {
        #expect(ConnectionConfiguration.trimmingWhitespace(text) == expected)
    }

    @Test(arguments: ["", "   ", "\n"])
    func resolveIgnoresBlankDatabaseURL(value: String) throws {
        let environment = ["DATABASE_URL": value, "PGHOST": "pghost", "PGUSER": "u"]
        let parsed = try ConnectionConfiguration.resolve(url: nil, environment: environment)
        #expect(parsed.endpoints == [Endpoint(host: "pghost")])
    }

    @Test func resolveWithNothingUsesPGVariables() throws {
        let parsed = try ConnectionConfiguration.resolve(url: nil, environment: ["PGHOST": "pghost", "PGUSER": "u"])
        #expect(parsed == (try ConnectionConfiguration.fromEnvironment(["PGHOST": "pghost", "PGUSER": "u"])))
    }

    @Test func resolveReportsBadDatabaseURL() {
        let error = #expect(throws: ClientError.self) {
            try ConnectionConfiguration.resolve(url: nil, environment: ["DATABASE_URL": "postgresql://h/db?sslmode=no"])
        }
        #expect(error?.message.contains("invalid sslmode value: \"no\"") == true)
    }
}
