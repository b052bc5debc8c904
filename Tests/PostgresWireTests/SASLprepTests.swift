import Testing

@testable import PostgresWire

@Suite("SASLprep (RFC 4013) as libpq applies it")
struct SASLprepTests {
    // Strings are compared as UTF-8 bytes: Swift's String == treats canonically equivalent text as equal,
    // but SCRAM hashes bytes, so "é" precomposed and decomposed must count as different here.

    @Test("pure ASCII is returned untouched, control characters included (libpq's fast path)", arguments: [
        "pencil", "with space", "ctrl\u{07}bell", "tab\there", "=,;!~",
    ])
    func asciiUnchanged(password: String) {
        #expect(Array(saslPrep(password).utf8) == Array(password.utf8))
        #expect(SASLprep.prepare(password) == .success(password))
    }

    @Test("mapping and NFKC normalization", arguments: [
        ("I\u{00AD}X", "IX"),  // RFC 4013 example 1: soft hyphen mapped to nothing
        ("a\u{00A0}b", "a b"),  // no-break space mapped to U+0020
        ("x\u{3000}y\u{2003}z", "x y z"),  // ideographic space and em space
        ("\u{00AA}", "a"),  // RFC 4013 example 3: feminine ordinal indicator
        ("\u{2168}", "IX"),  // RFC 4013 example 4: ROMAN NUMERAL NINE
        ("e\u{0301}t\u{00E9}", "\u{00E9}t\u{00E9}"),  // composed by NFKC
        ("\u{FB01}le", "file"),  // ligature decomposed by compatibility mapping
        ("pass\u{200B}word\u{FEFF}", "pass word"),  // zero width space is C.1.2 in Unicode 3.2; BOM is B.1
    ])
    func prepared(input: String, expected: String) throws {
        let result = try SASLprep.prepare(input).get()
        #expect(Array(result.utf8) == Array(expected.utf8))
        #expect(Array(saslPrep(input).utf8) == Array(expected.utf8))
    }

    @Test("rejected passwords are used as-is, like libpq", arguments: [
        ("a\u{0085}b", SASLprep.Rejection.prohibited("\u{0085}")),  // C.2.2 NEXT LINE
        ("\u{E000}secret", .prohibited("\u{E000}")),  // C.3 private use
        ("tag\u{E0041}", .prohibited("\u{E0041}")),  // C.9 tagging character
        ("\u{0221}", .unassigned("\u{0221}")),  // unassigned in Unicode 3.2 (A.1), assigned later
        ("\u{00AD}", .emptyAfterMapping),  // nothing left after mapping
        ("\u{0627}1", .bidirectionalRules),  // RFC 4013 example 6: does not end with RandALCat
        ("\u{0627}a\u{0628}", .bidirectionalRules),  // RandALCat mixed with LCat
        ("1\u{05D0}", .bidirectionalRules),  // does not start with RandALCat
    ])
    func rejected(input: String, rejection: SASLprep.Rejection) {
        #expect(SASLprep.prepare(input) == .failure(rejection))
        #expect(Array(saslPrep(input).utf8) == Array(input.utf8))
    }

    @Test("right-to-left text that starts and ends right-to-left is fine (RFC 4013 example 7)")
    func bidiAccepted() throws {
        let input = "\u{0627}1\u{0628}"
        #expect(Array(try SASLprep.prepare(input).get().utf8) == Array(input.utf8))
    }

    @Test("prohibition is checked before normalization, as libpq does")
    func checkedBeforeNormalization() {
        // U+0340 (C.8) normalizes to the allowed U+0300; RFC 3454 would accept the result, libpq and the
        // server reject it and fall back to the raw password. We must agree with the server.
        let input = "a\u{0340}"
        #expect(SASLprep.prepare(input) == .failure(.prohibited("\u{0340}")))
        #expect(Array(saslPrep(input).utf8) == Array(input.utf8))
    }

    @Test("range tables: bounds are inclusive and lookups hit every range")
    func tableLookup() {
        let table = StringprepTable(bounds: [0x10, 0x10, 0x20, 0x2F, 0x1_0000, 0x10_FFFF])
        for inside: UInt32 in [0x10, 0x20, 0x25, 0x2F, 0x1_0000, 0x10_FFFF] {
            #expect(table.contains(inside), "\(inside) should be in the table")
        }
        for outside: UInt32 in [0x0, 0xF, 0x11, 0x1F, 0x30, 0xFFFF] {
            #expect(!table.contains(outside), "\(outside) should not be in the table")
        }
        #expect(!StringprepTable(bounds: []).contains(0x41))
        #expect(StringprepTable.lCat.contains("A"))
        #expect(!StringprepTable.lCat.contains("1"))
        #expect(StringprepTable.randALCat.contains("\u{05D0}"))
    }
}
