import Foundation
@testable import PGCheck
import Testing

/// Drizzle's spellings against the catalog's, without a server.
@Suite struct DriftSpellingTests {
    @Test(arguments: [
        ("varchar(255)", "character varying(255)"), ("varchar", "character varying"), ("timestamp", "timestamp without time zone"),
        ("timestamp(3)", "timestamp(3) without time zone"), ("timestamp (3) with time zone", "timestamp(3) with time zone"),
        ("serial", "integer"), ("bigserial", "bigint"), ("smallserial", "smallint"), ("numeric(12, 6)", "numeric(12,6)"),
        ("text[][]", "text[]"), ("char(2)", "character(2)"), ("double precision", "double precision"), ("time", "time without time zone"),
        ("decimal(10, 2)", "numeric(10,2)"), ("vector(1536)", "public.vector(1536)"), ("purchase_status", "public.purchase_status"),
    ])
    func typesMatchTheirCatalogSpelling(_ drizzle: String, _ catalog: String) {
        #expect(DriftTypeNames.canonical(drizzle: drizzle) == DriftTypeNames.canonical(catalog: catalog))
    }

    @Test func differentTypesStayDifferent() {
        #expect(DriftTypeNames.canonical(drizzle: "varchar(100)") != DriftTypeNames.canonical(catalog: "character varying(255)"))
        #expect(DriftTypeNames.canonical(drizzle: "timestamp") != DriftTypeNames.canonical(catalog: "timestamp with time zone"))
        #expect(DriftTypeNames.schema(ofCatalog: "public.purchase_status[]") == "public")
        #expect(DriftTypeNames.schema(ofCatalog: "numeric(12,6)") == nil)
    }

    @Test(arguments: [
        ("\"usage_events\".\"quantity\" >= 0", "(quantity >= 0)", DriftExpressions.Verdict.same),
        ("'pending'", "'pending'::public.purchase_status", .same),
        ("now()", "now()", .same),
        ("'{}'::jsonb", "'{}'::jsonb", .same),
        ("0", "'0'::integer", .same),
        ("-1", "'-1'::integer", .same),
        ("1.50", "1.5", .same),
        ("true", "true", .same),
        ("1", "2", .different),
        ("\"amount\" > 0 and \"fee\" >= 0", "((amount > 0) AND (fee >= 0))", .same),
        ("'2024-01-01 00:00:00.000'", "'2024-01-01 00:00:00'::timestamp without time zone", .undecided),
        ("now() + interval '1 day'", "(now() + '1 day'::interval)", .undecided),
        ("(\"a\" or \"b\") and \"c\"", "(a OR (b AND c))", .undecided),
    ])
    func expressionsCompareByMeaningNotSpelling(_ drizzle: String, _ catalog: String, _ verdict: DriftExpressions.Verdict) {
        #expect(DriftExpressions.compare(drizzle, catalog, qualifiers: ["public", "usage_events"]) == verdict)
    }

    @Test func longNamesAreCutAsPostgreSQLStoresThem() {
        let name = "deployment_previewDeploymentId_preview_deployments_previewDeploymentId_fk"
        #expect(DrizzleSchemaSnapshot.storedName(name) == "deployment_previewDeploymentId_preview_deployments_previewDeplo")
        #expect(DrizzleSchemaSnapshot.storedName(String(repeating: "é", count: 40)).utf8.count == 62)
        #expect(DrizzleSchemaSnapshot.storedName("short") == "short")
    }
}
