import Foundation

/// Prepares a password for SCRAM with SASLprep (RFC 4013), exactly as libpq's `pg_saslprep` does.
///
/// - A pure ASCII password is returned untouched (no mapping, no normalization, no prohibition check),
///   because that is what libpq and the server do.
/// - Otherwise: non-ASCII spaces become U+0020, "commonly mapped to nothing" characters are removed,
///   the result is NFKC-normalized, and prohibited, unassigned or badly mixed-direction text is rejected.
/// - When preparation rejects the password, the password is used as-is. PostgreSQL does the same on both
///   sides (see the comment at the top of the server's auth-scram.c), so the keys still agree.
///
/// - Parameter password: the password as the user typed it.
/// - Returns: the string whose UTF-8 bytes feed SCRAM's key derivation.
func saslPrep(_ password: String) -> String {
    switch SASLprep.prepare(password) {
    case .success(let prepared):
        return prepared
    case .failure:
        return password
    }
}

/// The SASLprep profile of stringprep, with a result that says why a string was rejected.
enum SASLprep {
    /// Why SASLprep refused a string. Callers fall back to the original text; tests check the reason.
    enum Rejection: Error, Equatable {
        /// Nothing was left after removing "commonly mapped to nothing" characters.
        case emptyAfterMapping
        /// The string holds a character from the prohibited-output tables (C.1.2, C.2.x, C.3 to C.9).
        case prohibited(Unicode.Scalar)
        /// The string holds a code point unassigned in Unicode 3.2 (table A.1).
        case unassigned(Unicode.Scalar)
        /// Right-to-left text is mixed with left-to-right text, or does not start and end right-to-left.
        case bidirectionalRules
    }

    /// Runs SASLprep on `text`, returning the prepared string or the reason it was rejected.
    static func prepare(_ text: String) -> Result<String, Rejection> {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return .success(text)
        }

        // Step 1, map (RFC 3454 section 3, tables B.1 and C.1.2 as RFC 4013 section 2.1 requires).
        var mapped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if StringprepTable.nonASCIISpace.contains(scalar) {
                mapped.append(" ")
            } else if !StringprepTable.commonlyMappedToNothing.contains(scalar) {
                mapped.append(scalar)
            }
        }
        guard !mapped.isEmpty else { return .failure(.emptyAfterMapping) }

        // Step 2, normalize with NFKC.
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping

        // Steps 3 and 4. libpq checks the mapped text *before* normalization rather than the normalized
        // output RFC 3454 describes; the server runs the same code when it stores a SCRAM secret, so we
        // check the same text to derive the same key in every corner case.
        if let rejection = prohibitionViolation(in: mapped) ?? bidirectionalViolation(in: mapped) {
            return .failure(rejection)
        }
        return .success(normalized)
    }

    /// The first prohibited or unassigned character of `scalars`, if any (RFC 4013 sections 2.3 and 2.5).
    private static func prohibitionViolation(in scalars: String.UnicodeScalarView) -> Rejection? {
        for scalar in scalars {
            if StringprepTable.prohibitedOutput.contains(scalar) {
                return .prohibited(scalar)
            }
            if StringprepTable.unassigned.contains(scalar) {
                return .unassigned(scalar)
            }
        }
        return nil
    }

    /// Whether `scalars` break RFC 3454 section 6: text containing a right-to-left (RandALCat) character
    /// must contain no left-to-right (LCat) character, and must start and end with a RandALCat character.
    private static func bidirectionalViolation(in scalars: String.UnicodeScalarView) -> Rejection? {
        guard scalars.contains(where: StringprepTable.randALCat.contains) else { return nil }
        guard
            !scalars.contains(where: StringprepTable.lCat.contains),
            let first = scalars.first, StringprepTable.randALCat.contains(first),
            let last = scalars.last, StringprepTable.randALCat.contains(last)
        else {
            return .bidirectionalRules
        }
        return nil
    }
}
