import Foundation
import Testing
import PGCatalog
@testable import PGDiff

/// The text, Markdown and JSON renderings.
@Suite struct DiffRenderingTests {
    typealias R = ReferenceSnapshots

    @Test func textGroupsByTableWithMarkers() throws {
        let diff = try SnapshotDiff(from: R.pre, to: R.post)
        let text = TextDiffRenderer().render(diff)
        #expect(text == (try ReferenceSnapshots.expectedText()))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func emptyDiffRendersNothingInTextButSaysSoInMarkdown() throws {
        let diff = try SnapshotDiff(from: R.pre, to: R.pre)
        #expect(TextDiffRenderer(colors: true).render(diff) == "")
        #expect(MarkdownDiffRenderer().render(diff) == "### Schema changes\n\nNo schema changes.\n")
        let json = String(decoding: try DiffDocument(diff).encodedJSON(), as: UTF8.self)
        #expect(json.contains("\"changes\" : [\n\n  ]") || json.contains("\"changes\" : []"))
    }

    @Test func colorsOnlyWhenAskedAndDecidedByTerminalAndNoColor() throws {
        let diff = try SnapshotDiff(from: R.pre, to: R.post)
        let text = TextDiffRenderer(colors: true).render(diff)
        #expect(text.contains("\u{1B}[32m+ column metadata\u{1B}[0m"))
        #expect(text.contains("\u{1B}[33m~ index usage_admin_bucket_idx\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1mpublic.usage_events\u{1B}[0m"))
        #expect(TerminalColors.shouldColor(isTerminal: true, environment: [:]))
        #expect(!TerminalColors.shouldColor(isTerminal: false, environment: [:]))
        #expect(!TerminalColors.shouldColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!TerminalColors.shouldColor(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!TerminalColors.shouldColor(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    @Test func tableChangesAndOtherObjectsRead() throws {
        let post = R.pre.with { snapshot in
            snapshot.tables["public.usage_events"]?.comment = "Usage."
            snapshot.tables["public.admins"]?.columns["email"]?.notNull = false
            snapshot.enums["public.level"] = Snapshot.EnumType(schema: "public", name: "level", labels: ["low", "high"], owner: "postgres")
            snapshot.views["public.v"] = Snapshot.View(schema: "public", name: "v", definition: " SELECT 1 AS one;", owner: "postgres")
            snapshot.indexes["public.admins_pkey"] = nil
        }
        let text = TextDiffRenderer().render(try SnapshotDiff(from: R.pre, to: post))
        #expect(text == """
            + enum public.level: ('low', 'high')
            public.admins
              ~ column email
                  notNull: true → false
              - index admins_pkey: CREATE UNIQUE INDEX admins_pkey ON public.admins USING btree (id)
            ~ table public.usage_events
                comment: Metered usage, one row per admin, meter and bucket. → Usage.
            + view public.v

            5 changes: 2 added, 1 removed, 2 changed

            """)
    }

    @Test func multiLineDefinitionsShowTheChangedLines() throws {
        let body = (1...10).map { "  line \($0)" }
        let old = Snapshot.Function(schema: "public", name: "f", result: "integer", language: "plpgsql",
                                    definition: (["BEGIN"] + body + ["END"]).joined(separator: "\n"), owner: "postgres")
        var new = old
        new.definition = (["BEGIN"] + body.map { $0 == "  line 5" ? "  line five" : $0 } + ["END"]).joined(separator: "\n")
        let before = R.pre.with { $0.functions["public.f()"] = old }
        let after = R.pre.with { $0.functions["public.f()"] = new }
        let text = TextDiffRenderer().render(try SnapshotDiff(from: before, to: after))
        #expect(text == """
            ~ function public.f()
                definition:
                    … 3 unchanged lines
                      line 3
                      line 4
                  -   line 5
                  +   line five
                      line 6
                      line 7
                    … 4 unchanged lines

            1 change: 1 changed

            """)
        let markdown = MarkdownDiffRenderer().render(try SnapshotDiff(from: before, to: after))
        #expect(markdown.contains("    ```diff\n      … 3 unchanged lines\n        line 3"))
        #expect(markdown.contains("\n    -   line 5\n    +   line five\n"))
    }

    @Test func markdownListsChangesPerTable() throws {
        let markdown = MarkdownDiffRenderer(headingLevel: 2).render(try SnapshotDiff(from: R.pre, to: R.post))
        #expect(markdown == """
            ## Schema changes

            5 changes: 4 added, 1 changed.

            **`public.usage_events`**

            - **added** column `metadata`: `jsonb NOT NULL DEFAULT '{}'::jsonb`
            - **added** column `source`: `text`
            - **added** column `window_end`: `timestamp with time zone`
            - **added** column `window_start`: `timestamp with time zone`
            - **changed** index `usage_admin_bucket_idx`
              - `definition`: `CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start)` → `CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start, window_start, window_end) INCLUDE (source)`
              - `include`: `none` → `(source)`
              - `keys`: `(admin_id, meter, bucket_start)` → `(admin_id, meter, bucket_start, window_start, window_end)`

            """)
        #expect(MarkdownDiffRenderer.code("a`b") == "``a`b``")
        #expect(MarkdownDiffRenderer.code("`x") == "`` `x ``")
    }

    @Test func jsonDocumentIsVersionedAndRoundTrips() throws {
        let diff = try SnapshotDiff(from: R.pre, to: R.post)
        let data = try DiffDocument(diff).encodedJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        #expect((object["summary"] as? [String: Int]) == ["added": 4, "removed": 0, "changed": 1])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 5)
        #expect(Set(changes[0].keys) == ["action", "kind", "localName", "name", "new", "schema", "table"])
        #expect(Set(changes[4].keys) == ["action", "kind", "localName", "name", "properties", "schema", "table"])
        let decoded = try DiffDocument.decode(from: data)
        #expect(decoded.changes == diff.changes)
        #expect(try DiffDocument(diff).encodedJSON() == data)
        let future = Data(#"{"formatVersion": 2, "summary": {"added": 0, "removed": 0, "changed": 0}, "changes": []}"#.utf8)
        #expect(throws: DiffDocumentError.unsupportedFormatVersion(2)) { try DiffDocument.decode(from: future) }
    }

    @Test func indexKeysReadAsSQL() {
        let keys: [JSONValue] = [
            .object(["column": .string("a"), "order": .string("asc"), "nulls": .string("last")]),
            .object(["expression": .string("lower(email)"), "order": .string("desc"), "nulls": .string("first")]),
            .object(["column": .string("b"), "order": .string("desc"), "nulls": .string("last"), "opclass": .string("pg_catalog.text_pattern_ops")]),
            .object(["column": .string("c"), "collation": .string("pg_catalog.\"C\""), "order": .string("asc"), "nulls": .string("first")]),
            .object(["column": .string("d")]),
        ]
        #expect(ValueText.property(.array(keys), path: "keys", kind: .index)
            == "(a, lower(email) DESC, b pg_catalog.text_pattern_ops DESC NULLS LAST, c COLLATE pg_catalog.\"C\" NULLS FIRST, d)")
        #expect(ValueText.plain(.array([.string("x"), .integer(3)])) == "[x, 3]")
        #expect(ValueText.plain(.string("")) == "\"\"")
    }
}
