import Foundation
import PGCatalog
import Testing

/// The canonical JSON: fixed bytes for a given snapshot, whatever order it was built in.
@Suite struct SnapshotJSONTests {
    @Test func canonicalBytesAreExactlyTheseForASmallSnapshot() throws {
        let snapshot = Snapshot(
            meta: SnapshotSamples.meta,
            schemas: ["public": Snapshot.Schema(name: "public", owner: "app", comment: "a/b")],
            enums: ["public.mood": Snapshot.EnumType(schema: "public", name: "mood", labels: ["sad", "happy"], owner: "app")])
        let expected = """
            {
              "compositeTypes" : {

              },
              "domains" : {

              },
              "enums" : {
                "public.mood" : {
                  "labels" : [
                    "sad",
                    "happy"
                  ],
                  "name" : "mood",
                  "owner" : "app",
                  "schema" : "public"
                }
              },
              "extensions" : {

              },
              "formatVersion" : 1,
              "functions" : {

              },
              "indexes" : {

              },
              "materializedViews" : {

              },
              "meta" : {
                "capturedAt" : "2024-05-01T12:00:00.000001Z",
                "database" : "app",
                "host" : "/var/run/postgresql",
                "port" : 5432,
                "scope" : {
                  "includesExtensionObjects" : false,
                  "includesSystemSchemas" : false
                },
                "serverVersion" : "15.18",
                "serverVersionNumber" : 150018
              },
              "schemas" : {
                "public" : {
                  "comment" : "a/b",
                  "name" : "public",
                  "owner" : "app"
                }
              },
              "sequences" : {

              },
              "tables" : {

              },
              "triggers" : {

              },
              "views" : {

              }
            }

            """
        #expect(String(decoding: try snapshot.encodedJSON(), as: UTF8.self) == expected)
    }

    @Test func insertionOrderDoesNotChangeTheBytes() throws {
        let names = (0..<50).map { "public.t\($0)" }
        func build(_ order: [String]) -> Snapshot {
            var snapshot = Snapshot(meta: SnapshotSamples.meta)
            for name in order {
                snapshot.tables[name] = Snapshot.Table(schema: "public", name: name, owner: "app")
            }
            return snapshot
        }
        let forward = try build(names).encodedJSON()
        #expect(try build(names.reversed()).encodedJSON() == forward)
        #expect(try build(names.shuffled()).encodedJSON() == forward)
        #expect(try build(names).encodedJSON() == forward)
    }

    @Test func fullSnapshotRoundTripsToAnEqualValueAndTheSameBytes() throws {
        let original = SnapshotSamples.full
        let bytes = try original.encodedJSON()
        let decoded = try Snapshot.decode(from: bytes)
        #expect(decoded == original)
        #expect(try decoded.encodedJSON() == bytes)
        #expect(bytes.last == UInt8(ascii: "\n"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"comment\" : \"Metered usage / per bucket.\""), "slashes are not escaped")
        #expect(!text.contains("\"acl\" : null"), "absent optionals are omitted, not null")
        #expect(!text.contains("\"storage\""))
    }

    @Test func contentComparisonIgnoresOnlyMeta() {
        let original = SnapshotSamples.full
        var recaptured = original
        recaptured.meta.capturedAt = "2030-01-01T00:00:00.000000Z"
        recaptured.meta.database = "other"
        #expect(recaptured != original)
        #expect(recaptured.hasSameContent(as: original))
        recaptured.enums["public.mood"]?.labels.append("ecstatic")
        #expect(!recaptured.hasSameContent(as: original))
    }

    @Test func capturedAtReadsAsADate() throws {
        let date = try #require(SnapshotSamples.meta.capturedAtDate)
        #expect(abs(date.timeIntervalSince1970 - 1_714_564_800) < 0.01)
    }
}
