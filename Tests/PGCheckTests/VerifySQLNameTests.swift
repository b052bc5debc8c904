import Testing
@testable import PGCheck

/// How `verify` reads and writes the names people type: SQL folding and quoting, and one clear error
/// per malformed name, the first one found reading left to right.
@Suite struct VerifySQLNameTests {
    @Test(arguments: [
        ("usage_events", nil, "usage_events"),
        ("  Public.Usage_Events ", "public", "usage_events"),
        ("\"Mixed Case\".\"Table\"", "Mixed Case", "Table"),
        ("public.\"We.ird\"\"x\"", "public", "We.ird\"x"),
        ("ÉTÉ.\"\"", "été", ""),
    ] as [(String, String?, String)])
    func parsesFoldingUnquotedParts(text: String, schema: String?, name: String) throws {
        #expect(try SQLName(parsing: text) == SQLName(schema: schema, name: name))
    }

    @Test(arguments: [
        ("a..\"b", "\"a..\"b\" is not a valid name: a part is empty"),
        (".\"open", "\".\"open\" is not a valid name: a part is empty"),
        ("a.\"open", "\"a.\"open\" is not a valid name: a double quote is not closed"),
        ("\"open.", "\"\"open.\" is not a valid name: a double quote is not closed"),
        ("a.", "\"a.\" is not a valid name: a part is empty"),
        ("", "\"\" is not a valid name: a part is empty"),
        ("a.b.c", "\"a.b.c\" has too many dots; write table or schema.table"),
    ])
    func refusesMalformedNamesWithTheFirstProblem(text: String, message: String) {
        #expect(throws: VerifyError.invalidArgument(message)) { try SQLName(parsing: text) }
    }

    @Test func identifiersAreSinglePartsNamedInTheirErrors() throws {
        #expect(try SQLName.identifier(parsing: "Window_Start", what: "column") == "window_start")
        #expect(try SQLName.identifier(parsing: "\"a.b\"", what: "column") == "a.b")
        #expect(throws: VerifyError.invalidArgument("\"t.c\" is not a valid column: it has a dot")) {
            try SQLName.identifier(parsing: "t.c", what: "column")
        }
        #expect(throws: VerifyError.invalidArgument("\" \" is not a valid column: a part is empty")) {
            try SQLName.identifier(parsing: " ", what: "column")
        }
    }

    /// Written for people: quoted only when not a plain lower-case name (keywords are not quoted here,
    /// unlike the server's `quote_ident`; non-ASCII lower-case letters count as plain).
    @Test(arguments: [
        ("usage_events", "usage_events"), ("_x1", "_x1"), ("été", "été"), ("user", "user"),
        ("Users", "\"Users\""), ("1st", "\"1st\""), ("a b", "\"a b\""), ("a\"b", "\"a\"\"b\""), ("", "\"\""),
    ])
    func writtenQuotesOnlyWhatIsNotPlain(part: String, written: String) {
        #expect(SQLName.written(part) == written)
    }

    @Test func descriptionQualifiesAndQuotes() {
        #expect(SQLName(schema: "public", name: "Users").description == "public.\"Users\"")
        #expect(SQLName(name: "usage_events").description == "usage_events")
    }
}
