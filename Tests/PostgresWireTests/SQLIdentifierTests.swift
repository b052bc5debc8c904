import Testing
import PostgresWire

/// Dotted SQL names split outside double quotes, and names quoted as the server's `quote_ident` quotes them.
@Suite struct SQLIdentifierTests {
    @Test func splitsAtDotsOutsideQuotesAndUndoublesQuotes() {
        let split = SQLIdentifier.split("Public.\"We.ird\"\"X\".", foldingUnquoted: false)
        #expect(split.parts == [
            .init(text: "Public", wasQuoted: false), .init(text: "We.ird\"X", wasQuoted: true), .init(text: "", wasQuoted: false),
        ])
        #expect(!split.hasUnclosedQuote)
    }

    @Test func foldsOnlyUnquotedCharacters() {
        let split = SQLIdentifier.split("ÉTÉ.\"KEEP\"Fold", foldingUnquoted: true)
        #expect(split.parts.map(\.text) == ["été", "KEEPfold"])
        #expect(split.parts.map(\.wasQuoted) == [false, true])
    }

    @Test func reportsAnUnclosedQuoteAndKeepsItsText() {
        let split = SQLIdentifier.split("a.\"b.c", foldingUnquoted: true)
        #expect(split.parts.map(\.text) == ["a", "b.c"])
        #expect(split.hasUnclosedQuote)
    }

    @Test func partsTakesKeysAsWritten() {
        #expect(SQLIdentifier.parts("public.\"We.ird\"\"x\"") == ["public", "We.ird\"x"])
        #expect(SQLIdentifier.parts("Odd.\"open") == ["Odd", "open"])
        #expect(SQLIdentifier.parts("") == [""])
    }

    @Test(arguments: [
        ("window_start", "window_start"), ("_a1", "_a1"), ("name", "name"), ("source", "source"),
        ("user", "\"user\""), ("order", "\"order\""), ("integer", "\"integer\""), ("xmltable", "\"xmltable\""),
        ("Mixed", "\"Mixed\""), ("1st", "\"1st\""), ("été", "\"été\""), ("a\"b", "\"a\"\"b\""), ("", "\"\""),
    ])
    func quotedAsQuoteIdentDoes(name: String, quoted: String) {
        #expect(SQLIdentifier.quoted(name) == quoted)
    }

    @Test func doubleQuotedAlwaysQuotes() {
        #expect(SQLIdentifier.doubleQuoted("plain") == "\"plain\"")
        #expect(SQLIdentifier.doubleQuoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}
