import PGSupport
import Testing

@testable import PostgresWire

/// Telling a transaction pooler from a direct session: by the host name, and by the server process that
/// answers differing from the one announced at startup, except behind Neon's proxy, which invents its
/// own IDs without pooling. (`PoolerTests` shows the same against a real PgBouncer.)
@Suite struct TransactionPoolerTests {
    private static let neonPooler = Endpoint(host: "ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech")
    private static let neonDirect = Endpoint(host: "ep-cool-rain-123456.eu-central-1.aws.neon.tech")
    private static let pgbouncer = Endpoint(host: "127.0.0.1", port: 6432)

    @Test func neonPoolerHostNamesAreKnownAndNameTheirDirectHost() {
        #expect(Self.neonPooler.isTransactionPoolerHostName)
        #expect(Self.neonPooler.directHostName == "ep-cool-rain-123456.eu-central-1.aws.neon.tech")
        #expect(Endpoint(host: "EP-X-POOLER.us-east-2.aws.neon.tech").isTransactionPoolerHostName)
        #expect(Endpoint(host: "ep-x-pooler.us-east-1.postgres.vercel-storage.com").directHostName == "ep-x.us-east-1.postgres.vercel-storage.com")
        for direct in [Self.neonDirect, Self.pgbouncer, Endpoint(host: "db.pooler.example.com"), Endpoint(host: "/var/run/x-pooler")] {
            #expect(!direct.isTransactionPoolerHostName, "\(direct)")
            #expect(direct.directHostName == nil)
        }
    }

    @Test func neonProxyHostNamesAreOnlyTheDirectOnes() {
        #expect(Self.neonDirect.isNeonProxyHostName)
        #expect(Endpoint(host: "ep-x.us-east-1.postgres.vercel-storage.com").isNeonProxyHostName)
        #expect(!Self.neonPooler.isNeonProxyHostName)
        #expect(!Self.pgbouncer.isNeonProxyHostName)
        #expect(!Endpoint(host: "neon.tech.example.com").isNeonProxyHostName)
    }

    @Test func theHostNameDecidesBeforeAnyProcessID() {
        #expect(TransactionPoolerEvidence.judge(endpoint: Self.neonPooler)?.signal == .hostName)
        #expect(TransactionPoolerEvidence.judge(endpoint: Self.neonPooler, announcedProcessID: 7, servingProcessID: 7)?.signal == .hostName)
        #expect(TransactionPoolerEvidence.judge(endpoint: Self.pgbouncer) == nil)
    }

    @Test func aServingProcessOtherThanTheAnnouncedOneIsAPooler() {
        // PgBouncer 1.18 announces a random process ID (often negative) and lends any server process.
        let evidence = TransactionPoolerEvidence.judge(endpoint: Self.pgbouncer, announcedProcessID: -1_845_309_861, servingProcessID: 30436)
        #expect(evidence?.signal == .processID(announced: -1_845_309_861, serving: 30436))
        #expect(evidence?.directHostName == nil)
        #expect(TransactionPoolerEvidence.judge(endpoint: Self.pgbouncer, announcedProcessID: 30436, servingProcessID: 30436) == nil)
        // No BackendKeyData: nothing to compare, so no evidence.
        #expect(TransactionPoolerEvidence.judge(endpoint: Self.pgbouncer, announcedProcessID: nil, servingProcessID: 30436) == nil)
    }

    @Test func neonsProxyInventsProcessIDsWithoutPooling() {
        #expect(TransactionPoolerEvidence.judge(endpoint: Self.neonDirect, announcedProcessID: 123_456_789, servingProcessID: 812) == nil)
    }

    @Test func theRefusalIsOneLineOfBadInputNamingTheDirectHost() {
        let byName = TransactionPoolerRefusal(evidence: TransactionPoolerEvidence(endpoint: Self.neonPooler, signal: .hostName), work: "migrations apply")
        #expect(byName.description == "migrations apply refused: ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech is a transaction-mode pooler (Neon's -pooler host), where a session does not keep its state between transactions; migrations apply needs one session throughout: use the direct host ep-cool-rain-123456.eu-central-1.aws.neon.tech")
        let byBehaviour = TransactionPoolerRefusal(
            evidence: TransactionPoolerEvidence(endpoint: Self.pgbouncer, signal: .processID(announced: 99, serving: 12)), work: "rehearse")
        #expect(byBehaviour.description.contains("127.0.0.1:6432 is a connection pooler (it announced process 99 but process 12 serves the session)"))
        #expect(byBehaviour.description.hasSuffix("connect to the database's direct host instead"))
        #expect(!byBehaviour.description.contains("\n"))
        #expect(byBehaviour.failureKind == .badInput)
    }

    @Test func aConfigurationNamingAPoolerIsRefusedBeforeConnecting() throws {
        let pooled = try ConnectionConfiguration.parse("postgresql://app:pw@ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech/app", environment: [:])
        #expect(throws: TransactionPoolerRefusal.self) { try pooled.refuseTransactionPoolerHostNames(for: "rehearse") }
        let direct = try ConnectionConfiguration.parse("postgresql://app:pw@ep-cool-rain-123456.eu-central-1.aws.neon.tech/app", environment: [:])
        try direct.refuseTransactionPoolerHostNames(for: "rehearse")
    }

    @Test func sessionSettingsNeverGoInTheStartupPacket() {
        let options = SessionOptions(statementTimeout: .seconds(5), lockTimeout: .milliseconds(1500), readOnly: true, parameters: ["TimeZone": "UTC"])
        #expect(options.startupParameters.map(\.0) == ["TimeZone"])
        #expect(options.sessionSettings.map(\.name) == ["statement_timeout", "lock_timeout", "default_transaction_read_only"])
        #expect(options.sessionSettings.map(\.value) == ["5000", "1500", "on"])
        #expect(SessionOptions().sessionSettings.isEmpty, "nothing to set: connecting costs no extra round trip")
    }
}
