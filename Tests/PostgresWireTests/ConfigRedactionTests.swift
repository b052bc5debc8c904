import Testing

@testable import PostgresWire

/// `redactedDescription` and every other way a configuration can be printed: never the password,
/// and otherwise faithful enough to parse back into the same configuration.
@Suite struct ConfigRedactionTests {
    private static let secret = "s3cr3t-P@ss"

    @Test func documentedExample() throws {
        let config = try ConnectionConfiguration.parse(
            "postgresql://alice:s3cr3t-P%40ss@db.example.com:5432/app?sslmode=require", environment: [:])
        #expect(config.password == Self.secret)
        #expect(config.redactedDescription == "postgresql://alice@db.example.com:5432/app?sslmode=require")
    }

    @Test func defaultsAreSpelledOut() throws {
        let config = try ConnectionConfiguration.fromEnvironment(["PGUSER": "bob", "PGPASSWORD": Self.secret])
        #expect(
            config.redactedDescription
                == "postgresql://bob@%2Fvar%2Frun%2Fpostgresql:5432,%2Ftmp:5432/bob?sslmode=prefer")
    }

    static let connectionStrings = [
        "postgresql://alice:s3cr3t-P%40ss@db.example.com:5432/app?sslmode=require",
        "host=h1,h2 port=1,2 user='a b' password='s3cr3t-P@ss' dbname='d/b?x' sslmode=verify-full sslrootcert=system",
        "postgresql://u:s3cr3t-P%40ss@[2001:db8::1]:6000,[::1]/db?target_session_attrs=read-write&connect_timeout=1",
        "host=db.example.com,other hostaddr=192.0.2.1, user=u password='s3cr3t-P@ss' application_name='a&b=c' options='-c x=1'",
        "hostaddr=192.0.2.1,192.0.2.2 user=u password=s3cr3t-P@ss sslpassword=s3cr3t-P@ss sslkey=/k sslcert=/c",
        "host=/var/run/postgresql,@abstract user=u password=s3cr3t-P@ss channel_binding=require require_auth=!password sslsni=0",
        "user=u password=s3cr3t-P@ss ssl_min_protocol_version='' ssl_max_protocol_version=TLSv1.3 sslcertmode=disable "
            + "load_balance_hosts=random passfile=/pw sslcrl=/crl sslcrldir=/crls application_name=''",
    ]

    @Test(arguments: connectionStrings)
    func neverContainsThePassword(_ text: String) throws {
        let config = try ConnectionConfiguration.parse(text, environment: [:])
        #expect(config.password == Self.secret)
        var dumped = ""
        dump(config, to: &dumped)
        let printed = [
            config.redactedDescription, config.description, config.debugDescription, "\(config)",
            String(reflecting: config), dumped,
        ]
        for text in printed {
            #expect(!text.contains("s3cr3t"), "\(text)")
            #expect(!text.contains("P%40ss") && !text.contains("P@ss"), "\(text)")
        }
    }

    @Test(arguments: connectionStrings)
    func parsesBackWithoutSecrets(_ text: String) throws {
        var config = try ConnectionConfiguration.parse(text, environment: [:])
        let reparsed = try ConnectionConfiguration.parse(config.redactedDescription, environment: [:])
        config.password = nil
        config.sslPassword = nil
        #expect(reparsed == config, "\(config.redactedDescription)")
    }

    @Test func passwordOnlyInThePasswordFieldIsStillAbsent() {
        // A password equal to the user name would show up through the user name, so the check
        // above uses a distinct secret; here: the URI shape has no ':' after the user at all.
        let config = ConnectionConfiguration(
            endpoints: [Endpoint(host: "h")], user: "alice", database: "db", password: "x")
        #expect(config.redactedDescription == "postgresql://alice@h:5432/db?sslmode=prefer")
    }
}
