import Foundation
import Testing

@testable import PostgresWire

/// The password file: matching, escapes, wildcards, first match, libpq's localhost rule, the
/// permission check, and the per-endpoint look-up.
@Suite struct ConfigPgPassTests {
    struct Lookup: Sendable, CustomTestStringConvertible {
        let label: String
        let contents: String
        let host: String
        var port = 5432
        var database = "app"
        var user = "alice"
        let expected: String?
        var testDescription: String { label }
    }

    static let lookups: [Lookup] = [
        Lookup(label: "exact match", contents: "db:5432:app:alice:pw\n", host: "db", expected: "pw"),
        Lookup(label: "no match on host", contents: "other:5432:app:alice:pw\n", host: "db", expected: nil),
        Lookup(label: "port compared as text", contents: "db:5433:app:alice:pw\n", host: "db", expected: nil),
        Lookup(label: "wildcards", contents: "*:*:*:*:pw\n", host: "db", expected: "pw"),
        Lookup(label: "wildcard user only", contents: "db:5432:app:*:pw\n", host: "db", user: "bob", expected: "pw"),
        Lookup(label: "star inside a field is literal", contents: "d*:5432:app:alice:pw\n", host: "db", expected: nil),
        Lookup(
            label: "first match wins", contents: "db:5432:app:alice:first\n*:*:*:*:second\ndb:5432:app:alice:third\n",
            host: "db", expected: "first"),
        Lookup(
            label: "more specific later line loses", contents: "*:*:*:alice:general\ndb:5432:app:alice:specific\n",
            host: "db", expected: "general"),
        Lookup(label: "comment lines skipped", contents: "#db:5432:app:alice:old\ndb:5432:app:alice:new\n", host: "db", expected: "new"),
        Lookup(label: "blank lines skipped", contents: "\n\r\n\ndb:5432:app:alice:pw", host: "db", expected: "pw"),
        Lookup(label: "CRLF stripped", contents: "db:5432:app:alice:pw\r\n", host: "db", expected: "pw"),
        Lookup(label: "escaped colon in password", contents: "db:5432:app:alice:p\\:w\n", host: "db", expected: "p:w"),
        Lookup(label: "escaped backslash in password", contents: "db:5432:app:alice:p\\\\w\n", host: "db", expected: "p\\w"),
        Lookup(label: "password ends at unescaped colon", contents: "db:5432:app:alice:pw:extra\n", host: "db", expected: "pw"),
        Lookup(label: "trailing backslash kept", contents: "db:5432:app:alice:pw\\\n", host: "db", expected: "pw\\"),
        Lookup(
            label: "escaped colon in a field (IPv6 host)", contents: "\\:\\:1:5432:app:alice:pw\n", host: "::1", expected: "pw"),
        Lookup(label: "escaped backslash in user", contents: "db:5432:app:dom\\\\al:pw\n", host: "db", user: "dom\\al", expected: "pw"),
        Lookup(label: "missing password field", contents: "db:5432:app:alice\n", host: "db", expected: nil),
        Lookup(label: "empty password still matches", contents: "db:5432:app:alice:\n*:*:*:*:later\n", host: "db", expected: ""),
        Lookup(label: "empty host is localhost", contents: "localhost:5432:app:alice:pw\n", host: "", expected: "pw"),
        Lookup(
            label: "Debian socket dir is localhost", contents: "localhost:5432:app:alice:pw\n", host: "/var/run/postgresql",
            expected: "pw"),
        Lookup(label: "/tmp socket dir is localhost", contents: "localhost:5432:app:alice:pw\n", host: "/tmp", expected: "pw"),
        Lookup(
            label: "other socket dirs match literally", contents: "localhost:5432:app:alice:no\n/srv/pg:5432:app:alice:yes\n",
            host: "/srv/pg", expected: "yes"),
        Lookup(label: "non-ASCII fields", contents: "db:5432:ünï:ålice:pässwörd\n", host: "db", database: "ünï", user: "ålice", expected: "pässwörd"),
        Lookup(label: "empty database never matches", contents: "*:*:*:*:pw\n", host: "db", database: "", expected: nil),
    ]

    @Test(arguments: lookups)
    func matching(_ lookup: Lookup) {
        let file = PgPassFile(contents: lookup.contents)
        #expect(file.password(host: lookup.host, port: lookup.port, database: lookup.database, user: lookup.user) == lookup.expected)
    }

    // MARK: - Files on disk

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgcheck-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func writeFile(_ contents: String, mode: Int, in directory: URL, name: String = "pgpass") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func missingFileIsNotAnError() throws {
        #expect(try PgPassFile.load(path: "/nonexistent/pgcheck/\(UUID().uuidString)") == nil)
    }

    @Test(arguments: [0o600, 0o400, 0o700])
    func privateFileIsRead(mode: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("db:5432:app:alice:pw\n", mode: mode, in: directory)
        let file = try #require(try PgPassFile.load(path: path))
        #expect(file.password(host: "db", port: 5432, database: "app", user: "alice") == "pw")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o620, 0o602, 0o610, 0o601])
    func groupOrWorldAccessIsRefused(mode: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("*:*:*:*:pw\n", mode: mode, in: directory)
        let error = #expect(throws: ClientError.self) { try PgPassFile.load(path: path) }
        #expect(error?.phase == .configuration)
        #expect(
            error?.message
                == "password file \"\(path)\" has group or world access; permissions should be u=rw (0600) or less")
    }

    @Test func directoryIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: ClientError.self) { try PgPassFile.load(path: directory.path) }
        #expect(error?.message == "password file \"\(directory.path)\" is not a plain file")
    }

    // MARK: - Per-endpoint look-up

    private func configuration(_ text: String, passfile: String?) throws -> ConnectionConfiguration {
        var environment = ["PGUSER": "alice", "PGDATABASE": "app"]
        environment["PGPASSFILE"] = passfile
        return try ConnectionConfiguration.parse(text, environment: environment)
    }

    @Test func givenPasswordWinsOverTheFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("*:*:*:*:fromfile\n", mode: 0o600, in: directory)
        let config = try configuration("host=db password=given", passfile: path)
        let lookup = config.lookUpPassword(for: config.endpoints[0])
        #expect(lookup.password == "given" && lookup.source == .given)
    }

    @Test func eachEndpointHasItsOwnEntry() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile(
            "primary:5432:app:alice:one\nreplica:6000:app:alice:two\n10.0.0.9:5432:app:alice:three\nlocalhost:5432:app:alice:four\n",
            mode: 0o600, in: directory)
        let config = try configuration("host=primary,replica,,other port=5432,6000,5432,5432", passfile: path)
        let passwords = config.endpoints.map { config.resolvedPassword(for: $0) }
        #expect(passwords == ["one", "two", "four", "four", nil])
        let lookup = config.lookUpPassword(for: config.endpoints[0])
        #expect(lookup.source == .passwordFile(path: path) && lookup.warning == nil)

        let byAddress = try configuration("hostaddr=10.0.0.9", passfile: path)
        #expect(byAddress.resolvedPassword(for: byAddress.endpoints[0]) == "three")
    }

    @Test func defaultFileIsDotPgpassInHOME() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try writeFile("db:5432:app:alice:fromhome\n", mode: 0o600, in: directory, name: ".pgpass")
        let config = try ConnectionConfiguration.parse("host=db port=5432 dbname=app user=alice", environment: ["HOME": directory.path])
        #expect(config.passfile == nil)
        #expect(config.homeDirectory == directory.path)
        #expect(config.passwordFilePath == directory.appendingPathComponent(".pgpass").path)
        #expect(config.resolvedPassword(for: config.endpoints[0]) == "fromhome")
    }

    /// One home directory for `.pgpass` and `.postgresql/`, found once as libpq finds it: `HOME` when set
    /// and non-empty, else the effective user's password-database entry (never the real user's, never `$USER`).
    @Test func homeIsHOMEElseTheEffectiveUsersPasswordEntry() throws {
        let entry = try #require(getpwuid(geteuid()), "the effective user has a password-database entry")
        let accountHome = String(cString: entry.pointee.pw_dir)
        #expect(try ConnectionConfiguration.parse("host=db user=u", environment: ["HOME": "/srv/ops"]).homeDirectory == "/srv/ops")
        #expect(try ConnectionConfiguration.parse("host=db user=u", environment: ["HOME": ""]).homeDirectory == accountHome)
        #expect(try ConnectionConfiguration.parse("host=db user=u", environment: ["USER": "someone-else"]).homeDirectory == accountHome)
        let direct = ConnectionConfiguration(endpoints: [], user: "u", database: "d", homeDirectory: nil)
        #expect(direct.passwordFilePath == nil, "no home directory: no default password file")
    }

    @Test func insecureFileGivesAWarningAndNoPassword() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("*:*:*:*:pw\n", mode: 0o644, in: directory)
        let config = try configuration("host=db", passfile: path)
        let lookup = config.lookUpPassword(for: config.endpoints[0])
        #expect(lookup.password == nil && lookup.source == .none)
        #expect(lookup.warning?.contains("has group or world access") == true)
    }

    @Test func emptyPasswordLineMeansNoPassword() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try writeFile("db:*:*:*:\n*:*:*:*:later\n", mode: 0o600, in: directory)
        let config = try configuration("host=db", passfile: path)
        #expect(config.resolvedPassword(for: config.endpoints[0]) == nil)
    }

    @Test func lookupNeverPrintsThePassword() throws {
        let lookup = PasswordLookup(password: "hunter2", source: .passwordFile(path: "/p"), warning: nil)
        var dumped = ""
        dump(lookup, to: &dumped)
        for text in [lookup.description, "\(lookup)", String(reflecting: lookup), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
    }
}
