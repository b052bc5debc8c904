import Foundation
import PGLocal
import Testing
@testable import PGCatalog
@testable import PostgresWire

/// Two connections sharing one exported snapshot read the same catalog one connection reads.
@Suite struct SnapshotParallelCaptureTests {
    @Test func twoConnectionsCaptureExactlyWhatOneCaptures() throws {
        let database = try SnapshotWideCoverageTests.loadedDatabase("snap_parallel")
        let configuration = try database.configuration()
        let one = try SnapshotCapture.capture(configuration: configuration, sessionOptions: SessionOptions(), connections: 1)
        let two = try SnapshotCapture.capture(configuration: configuration, sessionOptions: SessionOptions(), connections: 2)
        #expect(!two.snapshot.tables.isEmpty && !two.snapshot.indexes.isEmpty && !two.snapshot.tables.values.allSatisfy { $0.constraints.isEmpty })
        #expect(try contentJSON(two.snapshot) == contentJSON(one.snapshot))
        #expect(try contentJSON(two.snapshot) == contentJSON(database.snapshot().snapshot), "same as a capture on a caller's session")
    }

    @Test func theSecondConnectionSeesTheFirstOnesSnapshotNotLaterChanges() throws {
        let database = try FixtureDatabase.create("snap_import")
        try database.superuserSQL("CREATE TABLE public.before_export (id int PRIMARY KEY)")
        let first = try database.connect()
        defer { first.close() }
        let exporting = try CatalogSession(connection: first)
        let name = try exporting.exportSnapshot()
        // Committed after the export: invisible to both transactions.
        try database.superuserSQL("CREATE INDEX later_idx ON public.before_export (id)")
        let second = try database.connect()
        defer { second.close() }
        let importing = try CatalogSession(connection: second, importing: name)
        let seen = try importing.query("SELECT count(*) FROM pg_class WHERE relname IN ('before_export', 'later_idx')")
        #expect(seen.rows.first?.text(at: 0) == "1")
        try importing.finish()
        try exporting.finish()
        let afterwards = try CatalogSession(connection: second)
        #expect(try afterwards.query("SELECT count(*) FROM pg_class WHERE relname = 'later_idx'").rows.first?.text(at: 0) == "1")
        try afterwards.finish()
    }

    @Test func aSnapshotNameThatCannotBeOneNeverReachesTheServer() throws {
        let database = try FixtureDatabase.create("snap_import_bad")
        let connection = try database.connect()
        defer { connection.close() }
        for name in ["", "0000-1'; DROP TABLE x; --", "abc def"] {
            #expect(throws: ClientError.self) { try CatalogSession(connection: connection, importing: name) }
        }
        #expect(try connection.query("SELECT 1::int4").rows.count == 1, "the connection is still idle and usable")
    }

    @Test func aSecondConnectionThatCannotImportLeavesTheWholeCaptureToTheFirst() throws {
        let database = try SnapshotWideCoverageTests.loadedDatabase("snap_parallel_fallback")
        let expected = try contentJSON(database.snapshot().snapshot)
        // A helper whose connection failed, and one whose snapshot the server does not know.
        let failed = SnapshotCapture.Helper(
            connection: BackgroundTask { throw ClientError(.connect, "refused on purpose") }, snapshot: "00000003-0000001B-1")
        let configuration = try database.configuration()
        let opening = BackgroundTask { try PostgresConnection.connect(configuration) }
        defer { if let opened = try? opening.wait().get() { opened.close() } }
        let unknown = SnapshotCapture.Helper(connection: opening, snapshot: "00000099-00000099-1")
        for helper in [failed, unknown] {
            let connection = try database.connect()
            defer { connection.close() }
            let session = try CatalogSession(connection: connection)
            let result = try SnapshotCapture.capture(session: session, options: SnapshotOptions(), catalogVersion: nil, helper: helper)
            try session.finish()
            #expect(try contentJSON(result.snapshot) == expected)
        }
    }

    /// Past the thresholds, relations are shaped and tables written in parts on two threads: nothing is
    /// lost or mixed up between the parts, and the bytes are JSONEncoder's.
    @Test func aCatalogLargeEnoughToBeWorkedOnInPartsComesOutWhole() throws {
        let database = try FixtureDatabase.create("snap_parts")
        let count = max(SnapshotAssembler.relationsShapedInParallel, Snapshot.tablesWrittenInParallel) + 37
        try database.superuserSQL("""
            DO $$
            BEGIN
              FOR i IN 1..\(count) LOOP
                EXECUTE format('CREATE TABLE public.%I (id int PRIMARY KEY, scratch int, note text NOT NULL CHECK (note <> %L))',
                               'part_' || i, 'x' || i);
                EXECUTE format('ALTER TABLE public.%I DROP COLUMN scratch, ADD COLUMN seen timestamptz', 'part_' || i);
              END LOOP;
            END $$;
            """)
        let snapshot = try SnapshotCapture.capture(configuration: try database.configuration(), sessionOptions: SessionOptions()).snapshot
        #expect(snapshot.tables.count == count)
        for number in 1...count {
            let table = try #require(snapshot.tables["public.part_\(number)"])
            #expect(table.columns.mapValues(\.position) == ["id": 1, "note": 2, "seen": 3])
            #expect(table.constraints["part_\(number)_note_check"]?.definition == "CHECK ((note <> 'x\(number)'::text))")
            #expect(table.constraints["part_\(number)_pkey"]?.columns == ["id"])
            #expect(snapshot.indexes["public.part_\(number)_pkey"]?.keys.map(\.column) == ["id"])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        #expect(try snapshot.encodedJSON() == encoder.encode(snapshot) + Data("\n".utf8))
    }

    @Test func bothConnectionsAreClosedAfterwards() throws {
        let database = try FixtureDatabase.create("snap_parallel_close")
        try database.applyMigrations(through: 3)
        _ = try SnapshotCapture.capture(configuration: try database.configuration(), sessionOptions: SessionOptions())
        // Terminate messages are sent before capture returns; give the server a moment to reap the backends.
        var open = "?"
        for _ in 0..<50 {
            open = try database.superuserSQL(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if open == "0" { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(open == "0")
    }
}
