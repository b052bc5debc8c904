import Foundation
import Logging
import PGTestSupport
import Testing
import PGLocal
@testable import PostgresWire

/// Passwords never appear anywhere pgcheck writes: errors, logs at every level, `--verbose` output,
/// evidence, snapshots. Checked by grepping every artefact and every line of output for the
/// password, raw and percent-encoded.
@Suite struct SecretLeakTests {
    /// The SCRAM user's password holds `@ : / %`, so its URI form is percent-encoded.
    static let password = LocalCluster.scramUser.password ?? ""
    static let forms = [password, password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password]

    /// Records an issue for each form of `secret` found in `text`.
    static func expectAbsent(_ secrets: [String] = forms, in text: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets where !secret.isEmpty {
            #expect(!text.contains(secret), "\(place) contains a password", sourceLocation: sourceLocation)
        }
    }

    /// Every file under `folder`, read as bytes, must be free of the password.
    static func expectAbsent(inFilesUnder folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
        var checked = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { continue }
            checked += 1
            expectAbsent(in: String(decoding: data, as: UTF8.self), file, sourceLocation: sourceLocation)
        }
        return checked
    }

    /// The SCRAM user's URL for `database`, with `password` instead of the real one when given.
    static func scramURL(_ database: FixtureDatabase, password: String? = nil, sslMode: String = "require") -> String {
        let url = database.cluster.url(user: LocalCluster.scramUser, database: database.name, sslMode: sslMode)
        guard let password, let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else { return url }
        return url.replacingOccurrences(of: forms[1], with: encoded)
    }

    @Test func aVerboseRunbookRunWritesThePasswordNowhere() throws {
        let database = try RunbookTests.scenario("secret_runbook")
        try database.superuserSQL("GRANT \(LocalCluster.trustUser.name) TO \(LocalCluster.scramUser.name)")
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let file = RunbookTests.runbookFixtures.appendingPathComponent("0003-usage-event-windows.yaml").path
        let url = Self.scramURL(database)
        let passed = try PGCheckProcess.run(["runbook", "--file", file, "--url", url, "--evidence", evidence.path, "--verbose"])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        // A rollback check on the migrated database fails on purpose (exit 1): the failure path prints too.
        let rollback = try PGCheckProcess.run(["runbook", "--file", file, "--url", url, "--evidence", evidence.path, "--verify-rollback", "--verbose"])
        #expect(rollback.status == 1)
        for run in [passed, rollback] {
            Self.expectAbsent(in: run.stdout, "stdout")
            Self.expectAbsent(in: run.stderr, "stderr")
        }
        let checked = try Self.expectAbsent(inFilesUnder: evidence)
        #expect(checked > 10, "every artefact was read")
    }

    /// A command line whose output must not show the password.
    struct CommandCase: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: @Sendable (String, URL) -> [String]
        var testDescription: String { name }
    }

    static let commands: [CommandCase] = [
        CommandCase(name: "ping") { url, _ in ["ping", "--url", url, "--verbose"] },
        CommandCase(name: "ping --json") { url, _ in ["ping", "--url", url, "--json", "--verbose"] },
        CommandCase(name: "snapshot") { url, folder in ["snapshot", "--url", url, "--out", folder.appendingPathComponent("snapshot.json").path, "--verbose"] },
        CommandCase(name: "describe") { url, _ in ["describe", "usage_events", "--url", url, "--verbose"] },
        CommandCase(name: "smoke") { url, folder in ["smoke", "--url", url, "--sql", "SELECT current_user, 1 AS one", "--format", "csv", "--out", folder.appendingPathComponent("rows.csv").path, "--verbose"] },
        CommandCase(name: "migrations status") { url, _ in ["migrations", "status", "--dir", Fixtures.path("drizzle"), "--url", url, "--verbose"] },
    ]

    @Test(arguments: commands)
    func commandOutputAndFilesNeverHoldThePassword(_ command: CommandCase) throws {
        let database = try RunbookTests.scenario("secret_cli")
        try database.superuserSQL("GRANT \(LocalCluster.trustUser.name) TO \(LocalCluster.scramUser.name)")
        let folder = try FaultOutputFileTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PGCheckProcess.run(command.arguments(Self.scramURL(database), folder))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        if command.name.hasPrefix("ping") { #expect(run.stderr.contains("connected"), "--verbose logged the connection's progress") }
        Self.expectAbsent(in: run.stdout, "stdout")
        Self.expectAbsent(in: run.stderr, "stderr")
        _ = try Self.expectAbsent(inFilesUnder: folder)
    }

    /// A connection that fails, and where its password came from.
    struct FailureCase: Sendable, CustomTestStringConvertible {
        let name: String
        let status: Int32
        /// The URL (or key=value string) and the environment, given the database, the password and a scratch folder.
        let setup: @Sendable (FixtureDatabase, String, URL) throws -> (url: String?, environment: [String: String])
        var testDescription: String { name }
    }

    static let wrongPassword = "Wr0ng-but-secret-Pa55"

    static let failures: [FailureCase] = [
        FailureCase(name: "a wrong password in the URL", status: 3) { database, secret, _ in
            (Self.scramURL(database, password: secret, sslMode: "disable"), [:])
        },
        FailureCase(name: "a wrong password in DATABASE_URL", status: 3) { database, secret, _ in
            (nil, ["DATABASE_URL": Self.scramURL(database, password: secret)])
        },
        FailureCase(name: "a wrong PGPASSWORD", status: 3) { database, secret, _ in
            (nil, ["PGHOST": "127.0.0.1", "PGPORT": "\(database.cluster.port)", "PGUSER": LocalCluster.scramUser.name,
                   "PGDATABASE": database.name, "PGPASSWORD": secret])
        },
        FailureCase(name: "a wrong password in the password file", status: 3) { database, secret, folder in
            let passfile = folder.appendingPathComponent("pgpass")
            try "127.0.0.1:\(database.cluster.port):*:\(LocalCluster.scramUser.name):\(secret)\n".write(to: passfile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile.path)
            return ("host=127.0.0.1 port=\(database.cluster.port) user=\(LocalCluster.scramUser.name) dbname=\(database.name)", ["PGPASSFILE": passfile.path])
        },
        FailureCase(name: "an unreachable server", status: 3) { _, secret, _ in
            ("postgresql://someone:\(secret)@127.0.0.1:1/db?connect_timeout=2", [:])
        },
        FailureCase(name: "a certificate that cannot be verified", status: 3) { database, secret, _ in
            (Self.scramURL(database, password: secret, sslMode: "verify-ca") + "&sslrootcert=\(database.cluster.otherCACertificatePath)", [:])
        },
        FailureCase(name: "an invalid option next to the password", status: 2) { _, secret, _ in
            ("postgresql://someone:\(secret)@127.0.0.1/db?no_such_option=1", [:])
        },
        FailureCase(name: "an unterminated quote after the password", status: 2) { _, secret, _ in
            ("host=127.0.0.1 password=\(secret) application_name='open", [:])
        },
        FailureCase(name: "an empty value that would swallow the password", status: 2) { _, secret, _ in
            ("host= password=\(secret) dbname=x", [:])
        },
        FailureCase(name: "a password with no equals sign after it", status: 2) { _, secret, _ in
            ("host=127.0.0.1 password=\(secret) tail", [:])
        },
    ]

    @Test(arguments: failures)
    func failedConnectionsNeverShowThePassword(_ failure: FailureCase) throws {
        let database = try FixtureDatabase.create("secret_fail")
        let folder = try FaultOutputFileTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (url, environment) = try failure.setup(database, Self.wrongPassword, folder)
        let run = try PGCheckProcess.run(["ping", "--verbose"] + (url.map { ["--url", $0] } ?? []), environment: environment)
        #expect(run.status == failure.status, "\(run.stdout)\(run.stderr)")
        #expect(!run.stderr.isEmpty, "the failure was explained")
        Self.expectAbsent([Self.wrongPassword], in: run.stdout + run.stderr, "the output")
    }

    @Test func libraryLogsAtTraceLevelNeverHoldThePassword() throws {
        let cluster = try TestClusters.tls()
        let lines = LogLines()
        var logger = Logger(label: "secret-test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .trace
        let options = SessionOptions(readTimeout: .seconds(10), logger: logger)
        let users = [LocalCluster.scramUser, LocalCluster.md5User, LocalCluster.cleartextUser, LocalCluster.unicodeUser]
        for user in users {
            let connection = try PostgresConnection.connect(try TestClusters.configuration(cluster, user: user, sslMode: "require"), options: options)
            #expect(throws: PostgresServerError.self) { try connection.simpleQuery("SELECT 1/0") }
            connection.close()
            var wrong = try TestClusters.configuration(cluster, user: user, sslMode: "require")
            wrong.password = Self.wrongPassword
            let error = try #require(throws: PostgresServerError.self) { try PostgresConnection.connect(wrong, options: options) }
            Self.expectAbsent([Self.wrongPassword], in: "\(error)", "the error")
        }
        let logged = lines.all.joined(separator: "\n")
        #expect(lines.all.count > 10, "the connection logged its progress")
        let secrets = users.compactMap(\.password) + [Self.wrongPassword] + Self.forms
        Self.expectAbsent(secrets, in: logged, "the log")
    }

    @Test func descriptionsOfAConfigurationNeverHoldThePassword() throws {
        let database = try FixtureDatabase.create("secret_describe")
        let configuration = try ConnectionConfiguration.parse(Self.scramURL(database), environment: TestClusters.environment)
        #expect(configuration.password == Self.password)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [configuration.description, configuration.debugDescription, configuration.redactedDescription, dumped, "\(configuration)"] {
            Self.expectAbsent(in: text, "a description")
        }
    }
}
