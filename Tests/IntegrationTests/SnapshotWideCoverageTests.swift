import Foundation
import PGCatalog
@testable import PGLocal
import PostgresWire
import Testing

/// Fixtures/catalog/wide_coverage.sql: every kind of object, each asserted present with its key facts.
@Suite struct SnapshotWideCoverageTests {
    /// The fixture loaded into a fresh database; `app` and `billing` are made readable by the test user.
    static func loadedDatabase(_ label: String) throws -> FixtureDatabase {
        let database = try FixtureDatabase.create(label)
        try database.runFixture("catalog/wide_coverage.sql")
        try database.superuserSQL("GRANT USAGE ON SCHEMA app, billing TO \(LocalCluster.trustUser.name)")
        return database
    }

    @Test func everyKindOfObjectIsCaptured() throws {
        let database = try Self.loadedDatabase("snap_wide")
        let result = try database.snapshot()
        #expect(result.warnings.isEmpty)
        let snapshot = result.snapshot

        #expect(snapshot.schemas.keys.sorted() == ["app", "billing", "public"])
        #expect(snapshot.schemas["app"]?.comment == "Accounts and their profiles.")
        #expect(snapshot.schemas["app"]?.acl?.contains("pgcheck_fixture_reader=U/postgres") == true)
        for name in ["btree_gist", "citext", "hstore", "pg_trgm", "plpgsql"] {
            #expect(snapshot.extensions[name]?.version.isEmpty == false, "extension \(name)")
        }
        #expect(snapshot.extensions["pg_trgm"]?.schema == "public")

        try checkTables(snapshot)
        try checkColumns(snapshot)
        try checkConstraints(snapshot)
        try checkIndexes(snapshot)
        try checkRoutinesAndTypes(snapshot)
    }

    func checkTables(_ snapshot: Snapshot) throws {
        let accounts = try #require(snapshot.tables["app.accounts"])
        #expect(accounts.rowSecurityEnabled && accounts.rowSecurityForced)
        #expect(accounts.comment == "One row per customer account.")
        #expect(accounts.owner == LocalCluster.superuser && accounts.accessMethod == "heap")
        // Granted reader-then-writer here and writer-then-reader on the ledger: both come out sorted.
        #expect(accounts.acl == ["pgcheck_fixture_reader=r/postgres", "pgcheck_fixture_writer=rw/postgres", "postgres=arwdDxt/postgres"])
        #expect(snapshot.tables["billing.ledger_entries"]?.acl == ["pgcheck_fixture_reader=r/postgres", "pgcheck_fixture_writer=ar/postgres", "postgres=arwdDxt/postgres"])
        let visible = try #require(accounts.policies["accounts_visible"])
        #expect(visible == Snapshot.Policy(
            command: .select, permissive: true, roles: ["pgcheck_fixture_reader"],
            using: "(status <> 'suspended'::app.account_status)", comment: "Readers never see suspended accounts."))
        let guardPolicy = try #require(accounts.policies["accounts_balance_guard"])
        #expect(guardPolicy.command == .update && !guardPolicy.permissive)
        #expect(guardPolicy.roles == ["pgcheck_fixture_reader", "pgcheck_fixture_writer"])
        #expect(guardPolicy.using == "true" && guardPolicy.withCheck != nil)

        let cache = try #require(snapshot.tables["app.session_cache"])
        #expect(cache.persistence == .unlogged)
        #expect(cache.options == ["autovacuum_enabled=false", "fillfactor=70"])

        let invoices = try #require(snapshot.tables["billing.invoices"])
        #expect(invoices.kind == .partitionedTable)
        #expect(invoices.partitioning == Snapshot.Partitioning(strategy: .range, key: "RANGE (issued_on)"))
        #expect(snapshot.tables["billing.invoices_2024"]?.partitionOf == Snapshot.PartitionMembership(
            parent: "billing.invoices", bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"))
        #expect(snapshot.tables["billing.invoices_default"]?.partitionOf?.bound == "DEFAULT")
        #expect(snapshot.tables["billing.payments"]?.partitioning?.strategy == .list)
        #expect(snapshot.tables["billing.payments_bank"]?.partitionOf?.bound == "FOR VALUES IN ('bank', 'sepa')")
        #expect(snapshot.tables["billing.payments_bank"]?.inherits == nil)
        let audit = try #require(snapshot.tables["app.account_audit"])
        #expect(audit.inherits == ["app.audit_base"] && audit.partitionOf == nil)
        #expect(audit.columns.values.sorted { $0.position < $1.position }.map(\.name) == ["recorded_at", "actor", "account_id", "change"])

        let view = try #require(snapshot.views["app.active_accounts"])
        #expect(view.definition.contains("FROM app.accounts"))
        #expect(view.options == ["security_barrier=true"])
        #expect(view.columns.mapValues(\.type) == ["id": "bigint", "email": "public.citext", "handle": "text"])
        #expect(view.columns["handle"]?.comment == "As in accounts.")
        let totals = try #require(snapshot.materializedViews["billing.account_totals"])
        #expect(totals.columns["total"]?.type == "numeric" && totals.accessMethod == "heap")
        #expect(totals.comment == "Ledger totals per account, refreshed nightly.")
        #expect(snapshot.indexes["billing.account_totals_account_idx"]?.table == "billing.account_totals")
    }

    func checkColumns(_ snapshot: Snapshot) throws {
        let columns = try #require(snapshot.tables["app.accounts"]?.columns)
        #expect(columns["id"]?.identity == .byDefault)
        #expect(columns["id"]?.comment == "Surrogate key.")
        #expect(columns["email"]?.type == "public.citext")
        #expect(columns["attributes"]?.type == "public.hstore")
        #expect(columns["handle"]?.collation == "pg_catalog.\"C\"")
        #expect(columns["handle_folded"]?.generated == "lower(handle)" && columns["handle_folded"]?.default == nil)
        #expect(columns["status"]?.default == "'trial'::app.account_status")
        #expect(columns["status"]?.statisticsTarget == 500)
        #expect(columns["avatar"]?.storage == .external)
        #expect(columns["bio"]?.compression == "pglz")
        #expect(columns["bio"]?.acl == ["pgcheck_fixture_reader=w/postgres"])
        #expect(columns["balance"]?.type == "app.positive_amount")
        for plain in ["email", "bio", "referral_code", "created_at"] {
            #expect(columns[plain]?.collation == nil && columns[plain]?.storage == nil && columns[plain]?.statisticsTarget == nil, "\(plain)")
        }
        #expect(columns.values.map(\.position).sorted() == Array(1...11))
    }

    func checkConstraints(_ snapshot: Snapshot) throws {
        let ledger = try #require(snapshot.tables["billing.ledger_entries"]?.constraints)
        let parent = try #require(ledger["ledger_entries_parent_fk"])
        #expect(parent.type == .foreignKey && parent.deferrable && parent.initiallyDeferred && parent.validated)
        #expect(parent.references == Snapshot.ForeignKeyReference(
            table: "billing.ledger_entries", columns: ["id"], onUpdate: .noAction, onDelete: .setNull, match: .full))
        #expect(parent.index == "billing.ledger_entries_pkey")
        let account = try #require(ledger["ledger_entries_account_fk"])
        #expect(!account.validated && account.definition.hasSuffix("NOT VALID"))
        #expect(account.references?.table == "app.accounts")
        let nonzero = try #require(ledger["ledger_entries_amount_nonzero"])
        #expect(nonzero.type == .check && !nonzero.validated && nonzero.comment == "Zero entries are noise.")
        let overlap = try #require(ledger["ledger_entries_no_overlap"])
        #expect(overlap.type == .exclusion && overlap.columns == ["account_id", "during"])
        #expect(overlap.definition == "EXCLUDE USING gist (account_id WITH =, during WITH &&)")
        #expect(overlap.index == "billing.ledger_entries_no_overlap")
        #expect(snapshot.indexes["billing.ledger_entries_no_overlap"]?.constraint == "ledger_entries_no_overlap")
        #expect(snapshot.tables["app.accounts"]?.constraints["accounts_email_key"]?.comment == "One account per e-mail.")
        #expect(snapshot.tables["billing.invoices"]?.constraints["invoices_pkey"]?.columns == ["id", "issued_on"])
        // Only the declared foreign key to the partitioned table, not the server's per-partition copies.
        let lines = try #require(snapshot.tables["billing.invoice_lines"]?.constraints)
        #expect(lines.keys.sorted() == ["invoice_lines_invoice_id_issued_on_fkey", "invoice_lines_pkey"])
        #expect(lines["invoice_lines_invoice_id_issued_on_fkey"]?.references == Snapshot.ForeignKeyReference(
            table: "billing.invoices", columns: ["id", "issued_on"], onDelete: .cascade))
    }

    func checkIndexes(_ snapshot: Snapshot) throws {
        let indexes = snapshot.indexes
        let referral = try #require(indexes["app.accounts_referral_code_idx"])
        #expect(referral.unique && referral.nullsNotDistinct && referral.comment == "At most one account without a referral code.")
        #expect(referral.definition.hasSuffix("NULLS NOT DISTINCT"))
        let lowerEmail = try #require(indexes["app.accounts_lower_email_idx"])
        #expect(lowerEmail.keys == [Snapshot.IndexKey(expression: "lower(email::text)", order: .asc, nulls: .last)])
        let partial = try #require(indexes["app.accounts_active_created_idx"])
        #expect(partial.predicate == "(status = 'active'::app.account_status)")
        #expect(indexes["app.accounts_created_desc_idx"]?.keys == [Snapshot.IndexKey(column: "created_at", order: .desc, nulls: .first)])
        // handle is COLLATE "C" itself, so its index key has no collation of its own; bio's has.
        #expect(indexes["app.accounts_handle_pattern_idx"]?.keys == [
            Snapshot.IndexKey(column: "handle", opclass: "pg_catalog.text_pattern_ops", order: .asc, nulls: .last),
        ])
        #expect(indexes["app.accounts_bio_bytewise_idx"]?.keys == [
            Snapshot.IndexKey(column: "bio", collation: "pg_catalog.\"C\"", order: .asc, nulls: .last),
        ])
        let trigram = try #require(indexes["app.accounts_bio_trgm_idx"])
        #expect(trigram.method == "gin")
        #expect(trigram.keys == [Snapshot.IndexKey(column: "bio", opclass: "public.gin_trgm_ops")])
        #expect(indexes["app.accounts_pkey"]?.primary == true && indexes["app.accounts_pkey"]?.constraint == "accounts_pkey")
        #expect(indexes.values.allSatisfy { $0.valid && $0.ready && $0.tablespace == nil })
    }

    func checkRoutinesAndTypes(_ snapshot: Snapshot) throws {
        let label = try #require(snapshot.functions["app.account_label(p_id bigint)"])
        #expect(label.kind == .function && label.language == "sql" && label.volatility == .stable && label.strict)
        #expect(label.parallel == .safe && !label.securityDefiner && label.result == "text")
        #expect(label.acl == ["pgcheck_fixture_reader=X/postgres", "postgres=X/postgres"])
        #expect(label.definition?.hasPrefix("CREATE OR REPLACE FUNCTION app.account_label(p_id bigint)") == true)
        let touch = try #require(snapshot.functions["billing.touch_updated_at()"])
        #expect(touch.language == "plpgsql" && touch.result == "trigger" && touch.comment == "Keeps updated_at current.")
        let close = try #require(snapshot.functions.values.first { $0.name == "close_period" })
        #expect(close.kind == .procedure && close.securityDefiner && close.result == nil)
        #expect(!snapshot.functions.keys.contains { $0.hasPrefix("public.") }, "extension functions are left out by default")

        let trigger = try #require(snapshot.triggers["billing.ledger_entries.ledger_entries_touch"])
        #expect(trigger.enabled == .origin && trigger.comment == "Maintains updated_at.")
        #expect(trigger.definition.hasPrefix("CREATE TRIGGER ledger_entries_touch BEFORE UPDATE ON billing.ledger_entries"))
        #expect(snapshot.triggers["billing.ledger_entries.ledger_entries_touch_insert"]?.enabled == .disabled)
        #expect(snapshot.triggers.count == 2, "internal foreign-key triggers are not listed")

        let sequence = try #require(snapshot.sequences["billing.invoice_number_seq"])
        #expect(sequence == Snapshot.SequenceDefinition(
            schema: "billing", name: "invoice_number_seq", dataType: "integer", start: 1000, increment: 5, minValue: 1000,
            maxValue: 99999, cache: 10, cycle: true, owner: LocalCluster.superuser, comment: "Human-facing invoice numbers."))
        #expect(snapshot.sequences["billing.ledger_entries_id_seq"]?.ownedBy == Snapshot.ColumnReference(table: "billing.ledger_entries", column: "id"))
        #expect(snapshot.sequences["app.accounts_id_seq"]?.ownedBy == Snapshot.ColumnReference(table: "app.accounts", column: "id"))

        #expect(snapshot.enums["app.account_status"]?.labels == ["trial", "active", "suspended"])
        let domain = try #require(snapshot.domains["app.positive_amount"])
        #expect(domain.baseType == "numeric(12,2)" && domain.default == "0" && !domain.notNull)
        #expect(domain.constraints["positive_amount_check"] == Snapshot.DomainConstraint(
            definition: "CHECK ((VALUE >= (0)::numeric))", comment: "Amounts are never negative."))
        let range = try #require(snapshot.compositeTypes["app.money_range"])
        #expect(range.attributes.values.sorted { $0.position < $1.position }.map(\.name) == ["low", "high", "currency"])
        #expect(range.attributes["currency"]?.collation == "pg_catalog.\"C\"" && range.attributes["currency"]?.comment == "ISO 4217 code.")
        #expect(range.comment == "A range of amounts in one currency.")
    }

    @Test func scopeOptionsChooseSchemasSystemCatalogsAndExtensionMembers() throws {
        let database = try Self.loadedDatabase("snap_wide_scope")
        let billingOnly = try database.snapshot(SnapshotOptions(schemas: ["billing"])).snapshot
        #expect(billingOnly.schemas.keys.sorted() == ["billing"])
        #expect(billingOnly.tables.keys.allSatisfy { $0.hasPrefix("billing.") } && !billingOnly.tables.isEmpty)
        #expect(billingOnly.enums.isEmpty)
        #expect(billingOnly.extensions.count == 5, "extensions are database-wide and always listed")
        #expect(billingOnly.meta.scope == Snapshot.Scope(schemas: ["billing"]))

        let withMembers = try database.snapshot(SnapshotOptions(includeExtensionObjects: true)).snapshot
        #expect(withMembers.functions["public.similarity(text, text)"]?.language == "c")
        #expect(withMembers.functions.keys.contains("public.citext(boolean)"))

        let withSystem = try database.snapshot(SnapshotOptions(includeSystemSchemas: true)).snapshot
        #expect(withSystem.schemas.keys.contains("pg_catalog") && withSystem.schemas.keys.contains("information_schema"))
        #expect(withSystem.tables["pg_catalog.pg_class"] != nil)
        #expect(!withSystem.schemas.keys.contains { $0.hasPrefix("pg_toast") || $0.hasPrefix("pg_temp") })
        #expect(!withSystem.functions.keys.contains("public.similarity(text, text)"))
    }

    @Test func schemasWithoutUsageAreCapturedAsTheirOwnerSeesThem() throws {
        let database = try FixtureDatabase.create("snap_privileges")
        try database.runFixture("catalog/wide_coverage.sql")
        // The fixture grants the test user nothing on app and billing, whose objects the superuser owns.
        #expect(try database.superuserSQL("""
            SELECT has_schema_privilege('\(LocalCluster.trustUser.name)', 'app', 'USAGE'),
                   has_schema_privilege('\(LocalCluster.trustUser.name)', 'billing', 'USAGE')
            """) == "f|f")
        let withoutUsage = try database.snapshot()
        #expect(withoutUsage.warnings.isEmpty)
        let owner = try database.snapshot(as: LocalCluster.User(name: LocalCluster.superuser, password: nil, method: "trust"))
        #expect(try contentJSON(withoutUsage.snapshot) == contentJSON(owner.snapshot))
        #expect(withoutUsage.snapshot.tables.keys.contains { $0.hasPrefix("billing.") })
        #expect(withoutUsage.snapshot.functions.keys.contains { $0.hasPrefix("billing.") })
        #expect(withoutUsage.snapshot.views["app.active_accounts"] != nil)

        let missing = try database.snapshot(SnapshotOptions(schemas: ["app", "nope"]))
        #expect(missing.warnings.map(\.reason) == [.schemaNotFound])
        #expect(missing.warnings.first?.message.contains("\"nope\"") == true)
    }
}
