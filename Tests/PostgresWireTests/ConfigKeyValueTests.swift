import Testing

@testable import PostgresWire

/// `keyword=value` connection strings: quoting, lists, validation and error messages.
@Suite struct ConfigKeyValueTests {
    private static let environment = ["PGUSER": "envuser"]

    private func parse(_ text: String) throws -> ConnectionConfiguration {
        try ConnectionConfiguration.parse(text, environment: Self.environment)
    }

    @Test func documentationExample() throws {
        let parsed = try parse("host=localhost port=5432 dbname=mydb connect_timeout=10")
        #expect(
            parsed
                == ConnectionConfiguration(
                    endpoints: [Endpoint(host: "localhost")], user: "envuser", database: "mydb", connectTimeout: 10))
    }

    struct Quoting: Sendable, CustomTestStringConvertible {
        let text: String
        let password: String?
        let applicationName: String
        var testDescription: String { text }
    }

    static let quoting: [Quoting] = [
        Quoting(text: "password = secret   application_name =app", password: "secret", applicationName: "app"),
        Quoting(text: "password='it\\'s a secret' application_name='my app'", password: "it's a secret", applicationName: "my app"),
        Quoting(text: "password='a\\\\b' application_name=x", password: "a\\b", applicationName: "x"),
        Quoting(text: "password=a\\ b application_name=c\\\\d", password: "a b", applicationName: "c\\d"),
        Quoting(text: "password='' application_name=''", password: nil, applicationName: ""),
        Quoting(text: "\t password='x=y' \n application_name='a b' ", password: "x=y", applicationName: "a b"),
        Quoting(text: "password='ünïcødé 🔑' application_name=p", password: "ünïcødé 🔑", applicationName: "p"),
        Quoting(text: "password=first password=second", password: "second", applicationName: "pgcheck"),
    ]

    @Test(arguments: quoting)
    func quotingAndEscapes(_ example: Quoting) throws {
        let parsed = try parse(example.text)
        #expect(parsed.password == example.password)
        #expect(parsed.applicationName == example.applicationName)
    }

    struct Hosts: Sendable, CustomTestStringConvertible {
        let text: String
        let endpoints: [Endpoint]
        var testDescription: String { text }
    }

    static let hostLists: [Hosts] = [
        Hosts(text: "host=a,b port=1,2", endpoints: [Endpoint(host: "a", port: 1), Endpoint(host: "b", port: 2)]),
        Hosts(
            text: "host=a,b,c port=7",
            endpoints: [Endpoint(host: "a", port: 7), Endpoint(host: "b", port: 7), Endpoint(host: "c", port: 7)]),
        Hosts(text: "host=a,b port=,6000", endpoints: [Endpoint(host: "a", port: 5432), Endpoint(host: "b", port: 6000)]),
        Hosts(text: "host=a,b", endpoints: [Endpoint(host: "a"), Endpoint(host: "b")]),
        Hosts(
            text: "host=db.example.com hostaddr=10.0.0.5",
            endpoints: [Endpoint(host: "db.example.com", hostaddr: "10.0.0.5")]),
        Hosts(
            text: "hostaddr=10.0.0.1,::1 port=1,2",
            endpoints: [Endpoint(host: "", hostaddr: "10.0.0.1", port: 1), Endpoint(host: "", hostaddr: "::1", port: 2)]),
        Hosts(
            text: "host=a,b hostaddr=10.0.0.1,",
            endpoints: [Endpoint(host: "a", hostaddr: "10.0.0.1"), Endpoint(host: "b")]),
        Hosts(
            text: "host=,b port=6000",
            endpoints: EndpointList.defaultSocketDirectories.map { Endpoint(host: $0, port: 6000) }
                + [Endpoint(host: "b", port: 6000)]),
        Hosts(text: "host=/tmp,@abstract port=5", endpoints: [Endpoint(host: "/tmp", port: 5), Endpoint(host: "@abstract", port: 5)]),
        Hosts(text: "host=h port=' 6543 '", endpoints: [Endpoint(host: "h", port: 6543)]),
    ]

    @Test(arguments: hostLists)
    func hostAndPortLists(_ example: Hosts) throws {
        #expect(try parse(example.text).endpoints == example.endpoints)
    }

    @Test func endpointKinds() {
        let socket = Endpoint(host: "/var/run/postgresql", port: 5433)
        #expect(socket.isUnixSocket)
        #expect(!socket.isAbstractUnixSocket)
        #expect(socket.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5433")
        #expect(socket.description == "/var/run/postgresql/.s.PGSQL.5433")

        let abstract = Endpoint(host: "@pg", port: 5432)
        #expect(abstract.isUnixSocket && abstract.isAbstractUnixSocket)
        #expect(abstract.unixSocketPath == "@pg/.s.PGSQL.5432")

        let tcp = Endpoint(host: "db", port: 5432)
        #expect(!tcp.isUnixSocket)
        #expect(tcp.description == "db:5432")
        #expect(Endpoint(host: "::1").description == "[::1]:5432")
        #expect(Endpoint(host: "db", hostaddr: "10.1.1.1").description == "db (10.1.1.1):5432")
        #expect(Endpoint(host: "", hostaddr: "::1").description == "[::1]:5432")
        // hostaddr wins over a socket-looking host: libpq then dials TCP.
        #expect(!Endpoint(host: "/tmp", hostaddr: "127.0.0.1").isUnixSocket)
        #expect(Endpoint(host: "h", hostaddr: "").hostaddr == nil)
    }

    struct Timeout: Sendable, CustomTestStringConvertible {
        let value: String
        let seconds: Double?
        var testDescription: String { "connect_timeout=\(value)" }
    }

    @Test(arguments: [
        Timeout(value: "10", seconds: 10), Timeout(value: "1", seconds: 2), Timeout(value: "2", seconds: 2),
        Timeout(value: "0", seconds: nil), Timeout(value: "-5", seconds: nil), Timeout(value: "' 7 '", seconds: 7),
        Timeout(value: "+3", seconds: 3),
    ])
    func connectTimeout(_ example: Timeout) throws {
        #expect(try parse("connect_timeout=\(example.value)").connectTimeout == example.seconds)
    }

    @Test func defaultsForTheOtherSettings() throws {
        let parsed = try parse("host=h")
        #expect(parsed.sslMode == .prefer)
        #expect(parsed.channelBinding == .prefer)
        #expect(parsed.targetSessionAttrs == .any)
        #expect(parsed.sslSNI)
        #expect(parsed.sslCertMode == .allow)
        #expect(parsed.sslMinProtocolVersion == .tls1_2)
        #expect(parsed.sslMaxProtocolVersion == nil)
        #expect(parsed.loadBalanceHosts == .disable)
        #expect(parsed.connectTimeout == nil)
        #expect(parsed.applicationName == "pgcheck")
        #expect(parsed.options == nil && parsed.requireAuth == nil && parsed.passfile == nil)
        #expect(parsed.sslRootCert == nil && parsed.sslCert == nil && parsed.sslKey == nil)
    }

    @Test func everySupportedSetting() throws {
        let parsed = try parse(
            """
            sslmode=verify-ca sslrootcert=/ca.pem sslcert=/c.pem sslkey=/k.pem sslpassword=kp sslcrl=/crl.pem \
            sslcrldir=/crls sslcertmode=require ssl_min_protocol_version=tlsv1.3 ssl_max_protocol_version=TLSv1.3 \
            sslsni=0 channel_binding=require target_session_attrs=prefer-standby require_auth=scram-sha-256 \
            load_balance_hosts=random options='-c statement_timeout=5s' passfile=/pw
            """)
        #expect(parsed.sslMode == .verifyCA)
        #expect(parsed.sslRootCert == "/ca.pem" && parsed.sslCert == "/c.pem" && parsed.sslKey == "/k.pem")
        #expect(parsed.sslPassword == "kp" && parsed.sslCRL == "/crl.pem" && parsed.sslCRLDir == "/crls")
        #expect(parsed.sslCertMode == .require)
        #expect(parsed.sslMinProtocolVersion == .tls1_3 && parsed.sslMaxProtocolVersion == .tls1_3)
        #expect(!parsed.sslSNI)
        #expect(parsed.channelBinding == .require)
        #expect(parsed.targetSessionAttrs == .preferStandby)
        #expect(parsed.requireAuth == "scram-sha-256")
        #expect(parsed.requireAuthPolicy?.allowedMethods == [.scramSHA256])
        #expect(parsed.loadBalanceHosts == .random)
        #expect(parsed.options == "-c statement_timeout=5s")
        #expect(parsed.passfile == "/pw")
    }

    @Test(arguments: [("1", true), ("0", false), ("", false), ("true", false), ("10", true)])
    func sslSNIFollowsLibpqsFirstCharacterRule(value: String, enabled: Bool) throws {
        #expect(try parse("sslsni='\(value)'").sslSNI == enabled)
    }

    @Test func applicationNameFallsBack() throws {
        #expect(try parse("fallback_application_name=fb").applicationName == "fb")
        #expect(try parse("fallback_application_name=fb application_name=an").applicationName == "an")
        let fromEnvironment = try ConnectionConfiguration.parse(
            "fallback_application_name=fb", environment: ["PGUSER": "u", "PGAPPNAME": "env"])
        #expect(fromEnvironment.applicationName == "env")
    }

    @Test func sslrootcertSystemStrengthensTheDefault() throws {
        #expect(try parse("sslrootcert=system").sslMode == .verifyFull)
        #expect(try parse("sslrootcert=system sslmode=verify-full").sslMode == .verifyFull)
    }

    @Test func keywordsPgcheckIgnoresAreStillAccepted() throws {
        let parsed = try parse(
            "keepalives=1 keepalives_idle=30 keepalives_interval=5 keepalives_count=3 tcp_user_timeout=0 "
                + "client_encoding=UTF8 sslcompression=0 gssencmode=disable krbsrvname=postgres gsslib=gssapi "
                + "gssdelegation=0 sslnegotiation=postgres replication=false service='' requirepeer=''")
        #expect(parsed.endpoints == EndpointList.defaultSocketDirectories.map { Endpoint(host: $0) })
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let text: String
        let messageContains: String
        var testDescription: String { text }
    }

    static let failures: [Failure] = [
        Failure(text: "foo=bar", messageContains: "invalid connection option \"foo\""),
        Failure(text: "sslmod=require", messageContains: "invalid connection option \"sslmod\" (did you mean \"sslmode\"?)"),
        Failure(text: "HOST=h", messageContains: "invalid connection option \"HOST\""),
        Failure(text: "mydb", messageContains: "missing \"=\" after \"mydb\" in connection info string"),
        Failure(text: "host x=y", messageContains: "missing \"=\" after \"host\""),
        Failure(text: "application_name='abc", messageContains: "unterminated quoted string"),
        Failure(text: "sslmode=bogus", messageContains: "invalid sslmode value: \"bogus\" (expected one of disable, allow"),
        Failure(text: "sslmode=''", messageContains: "invalid sslmode value: \"\""),
        Failure(text: "port=abc", messageContains: "invalid integer value \"abc\" for connection option \"port\""),
        Failure(text: "port=0", messageContains: "invalid port number: \"0\""),
        Failure(text: "host=a,b port=1,2,3", messageContains: "could not match 3 port numbers to 2 hosts"),
        Failure(text: "host=a hostaddr=1.1.1.1,2.2.2.2", messageContains: "could not match 1 host names to 2 hostaddr values"),
        Failure(text: "hostaddr=db.example.com", messageContains: "could not parse network address \"db.example.com\""),
        Failure(text: "connect_timeout=10s", messageContains: "invalid integer value \"10s\" for connection option \"connect_timeout\""),
        Failure(text: "connect_timeout=99999999999", messageContains: "invalid integer value \"99999999999\""),
        Failure(text: "channel_binding=maybe", messageContains: "invalid channel_binding value: \"maybe\""),
        Failure(text: "target_session_attrs=master", messageContains: "invalid target_session_attrs value: \"master\""),
        Failure(text: "load_balance_hosts=yes", messageContains: "invalid load_balance_hosts value: \"yes\""),
        Failure(text: "sslcertmode=never", messageContains: "invalid sslcertmode value: \"never\""),
        Failure(text: "ssl_min_protocol_version=SSLv3", messageContains: "invalid ssl_min_protocol_version value: \"SSLv3\""),
        Failure(
            text: "ssl_min_protocol_version=TLSv1.3 ssl_max_protocol_version=TLSv1.2",
            messageContains: "invalid SSL protocol version range"),
        Failure(text: "sslrootcert=system sslmode=require", messageContains: "weak sslmode \"require\" may not be used with sslrootcert=system"),
        Failure(text: "require_auth=kerberos", messageContains: "invalid require_auth value: \"kerberos\""),
        Failure(text: "require_auth=!md5,password", messageContains: "require_auth method \"password\" cannot be mixed with negative methods"),
        Failure(text: "require_auth=md5,!password", messageContains: "negative require_auth method \"!password\" cannot be mixed"),
        Failure(text: "require_auth=md5,md5", messageContains: "require_auth method \"md5\" is specified more than once"),
        Failure(text: "service=prod", messageContains: "connection service files are not supported (service \"prod\")"),
        Failure(text: "requirepeer=postgres", messageContains: "requirepeer is not supported"),
        Failure(text: "replication=database", messageContains: "replication connections are not supported"),
        Failure(text: "gssencmode=require", messageContains: "pgcheck has no GSSAPI support"),
        Failure(text: "gssencmode=sometimes", messageContains: "invalid gssencmode value: \"sometimes\""),
        Failure(text: "sslnegotiation=direct", messageContains: "sslnegotiation value \"direct\" is not supported"),
    ]

    @Test(arguments: failures)
    func rejected(_ failure: Failure) {
        let error = #expect(throws: ClientError.self) { try parse(failure.text) }
        #expect(error?.phase == .configuration)
        #expect(error?.message.contains(failure.messageContains) == true, "\(error?.message ?? "no error")")
    }

    /// An unquoted password with a space would make libpq complain about the next word; that
    /// word is part of the password, so pgcheck must not repeat it.
    @Test func unquotedPasswordWithSpaceIsNotEchoed() {
        let error = #expect(throws: ClientError.self) { try parse("password=correct horse host=h") }
        #expect(error?.message.contains("horse") == false)
        #expect(error?.message.contains("password='...'") == true)
        let secretKey = #expect(throws: ClientError.self) { try parse("sslpassword=correct horse") }
        #expect(secretKey?.message.contains("horse") == false)
    }

    @Test func requireAuthPolicies() throws {
        let positive = try RequireAuthPolicy(parsing: "password,scram-sha-256,none")
        #expect(positive.allowedMethods == [.password, .scramSHA256])
        #expect(positive.allowsNoAuthentication)
        #expect(positive.allows(.scramSHA256) && !positive.allows(.md5))

        let negative = try RequireAuthPolicy(parsing: "!password,!md5")
        #expect(negative.allowedMethods == [.gss, .sspi, .scramSHA256])
        #expect(negative.allowsNoAuthentication)

        let noTrust = try RequireAuthPolicy(parsing: "!none")
        #expect(noTrust.allowedMethods == Set(RequireAuthMethod.allCases))
        #expect(!noTrust.allowsNoAuthentication)

        let scramOnly = try RequireAuthPolicy(parsing: "scram-sha-256")
        #expect(!scramOnly.allowsNoAuthentication)
        #expect(throws: ClientError.self) { try RequireAuthPolicy(parsing: "none,none") }
        #expect(throws: ClientError.self) { try RequireAuthPolicy(parsing: "md5,") }
    }

    @Test(arguments: [
        (" 42 ", Int32(42)), ("+7", 7), ("-3", -3), ("2147483647", Int32.max), ("-2147483648", Int32.min),
    ])
    func libpqIntegers(text: String, value: Int32) {
        #expect(LibpqInteger.parse(text) == value)
    }

    @Test(arguments: ["", " ", "4x", "0x10", "2147483648", "1 2", "+", "--1"])
    func libpqIntegerRejects(text: String) {
        #expect(LibpqInteger.parse(text) == nil)
    }
}
