import Testing
@testable import PGCatalog

/// psql's name-pattern rules, with the expressions psql 15 sends (seen with `psql -E`).
@Suite struct DescribeNamePatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let schema: String?
        let name: String
        let database: String?
        var testDescription: String { pattern }
    }

    @Test(arguments: [
        Case(pattern: "usage_events", schema: nil, name: "^(usage_events)$", database: nil),
        Case(pattern: "Usage_Events", schema: nil, name: "^(usage_events)$", database: nil),
        Case(pattern: "public.usage_events", schema: "^(public)$", name: "^(usage_events)$", database: nil),
        Case(pattern: "\"Mixed Case\"", schema: nil, name: "^(Mixed Case)$", database: nil),
        Case(pattern: "\"a.b\"", schema: nil, name: "^(a\\.b)$", database: nil),
        Case(pattern: "\"say \"\"hi\"\"\"", schema: nil, name: "^(say \"hi\")$", database: nil),
        Case(pattern: "usage*", schema: nil, name: "^(usage.*)$", database: nil),
        Case(pattern: "t?", schema: nil, name: "^(t.)$", database: nil),
        Case(pattern: "price$", schema: nil, name: "^(price\\$)$", database: nil),
        Case(pattern: "a[]", schema: nil, name: "^(a\\[])$", database: nil),
        Case(pattern: "a+b", schema: nil, name: "^(a+b)$", database: nil),
        Case(pattern: "\"a+b\"", schema: nil, name: "^(a\\+b)$", database: nil),
        Case(pattern: "préférences", schema: nil, name: "^(préférences)$", database: nil),
        Case(pattern: "db.ledger.accounts", schema: "^(ledger)$", name: "^(accounts)$", database: "db"),
        Case(pattern: "\"My DB\".s.t", schema: "^(s)$", name: "^(t)$", database: "My DB"),
        Case(pattern: "*.orders", schema: "^(.*)$", name: "^(orders)$", database: nil),
    ])
    func translatesLikePsql(_ example: Case) {
        let pattern = PsqlNamePattern(example.pattern)
        #expect(pattern.schemaExpression == example.schema)
        #expect(pattern.nameExpression == example.name)
        #expect(pattern.database == example.database)
    }

    @Test func rejectsWhatPsqlRejects() {
        #expect(throws: DescribeError.tooManyDottedNames("a.b.c.d")) {
            try PsqlNamePattern("a.b.c.d").validate(currentDatabase: "a")
        }
        #expect(throws: DescribeError.crossDatabaseReference("other.public.t")) {
            try PsqlNamePattern("other.public.t").validate(currentDatabase: "app")
        }
        #expect(throws: Never.self) { try PsqlNamePattern("App.public.t").validate(currentDatabase: "app") }
        #expect(DescribeError.relationNotFound("x").description == "Did not find any relation named \"x\".")
    }

    @Test func wildcardPartsMatchEverything() {
        #expect(PsqlNamePattern("*.t").schemaMatchesAll)
        #expect(PsqlNamePattern("s.*").nameMatchesAll)
        #expect(!PsqlNamePattern("s.t").schemaMatchesAll)
    }
}
