import Foundation
@testable import PGCatalog
import PGLocal
import Testing

/// The catalog queries are built per server version (PostgreSQL 12–17). Only one server is installed
/// here, so the forms built for older versions run against it: they must work, and differ only in the
/// facts those versions cannot have.
@Suite struct SnapshotVersionGuardTests {
    @Test(arguments: [120000, 130000, 140000, 150000, 160000, 170000])
    func queriesBuiltForEachVersionRunAndAgree(version: Int) throws {
        let database = try SnapshotWideCoverageTests.loadedDatabase("snap_versions")
        let connection = try database.connect()
        defer { connection.close() }
        let session = try CatalogSession(connection: connection)
        let native = try SnapshotCapture.capture(session: session, options: SnapshotOptions()).snapshot
        let guarded = try SnapshotCapture.capture(session: session, options: SnapshotOptions(), catalogVersion: version).snapshot
        try session.finish()

        var expected = native
        if version < 140000 {
            // attcompression arrived in 14.
            expected.tables["app.accounts"]?.columns["bio"]?.compression = nil
        }
        if version < 150000 {
            // NULLS NOT DISTINCT arrived in 15 (pg_get_indexdef still prints it: it is the server's own text).
            expected.indexes["app.accounts_referral_code_idx"]?.nullsNotDistinct = false
        }
        #expect(guarded == expected)
        #expect(native.tables["app.accounts"]?.columns["bio"]?.compression == "pglz")
    }

    @Test func versionSpecificColumnsAppearOnlyFromTheirVersion() {
        func sql(_ version: Int) -> String {
            let context = CatalogQueryContext(serverVersion: version, schemas: [], includeExtensionObjects: false)
            return ColumnQuery.sql(context) + IndexQuery.sql(context)
        }
        #expect(!sql(130000).contains("attcompression") && sql(140000).contains("attcompression"))
        #expect(!sql(140000).contains("indnullsnotdistinct") && sql(150000).contains("indnullsnotdistinct"))
    }
}
