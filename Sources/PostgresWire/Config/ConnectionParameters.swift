/// The keyword/value pairs a connection string spelled out, before environment fallbacks,
/// defaults and validation. Both the URI and the `key=value` parser produce one.
///
/// A later value for the same keyword replaces an earlier one, as in libpq. An empty value is
/// still a value: it hides the environment variable (`host=''` ignores `PGHOST`).
struct ConnectionParameters: Sendable, Equatable {
    private(set) var values: [String: String] = [:]
    /// The keyword stored last, so that a syntax error right after a secret avoids echoing it.
    private(set) var lastStoredKeyword: ConnectionKeyword?

    /// Stores `value` under a libpq keyword; false if libpq has no such keyword.
    ///
    /// Applies libpq's backward-compatible spelling: `requiressl=1` means `sslmode=require`,
    /// any other `requiressl` value means `sslmode=prefer`.
    mutating func store(keyword name: String, value: String) -> Bool {
        var name = name
        var value = value
        if name == "requiressl" {
            name = ConnectionKeyword.sslmode.name
            value = value.hasPrefix("1") ? SSLMode.require.rawValue : SSLMode.prefer.rawValue
        }
        guard let keyword = ConnectionKeyword.named(name) else { return false }
        values[keyword.name] = value
        lastStoredKeyword = keyword
        return true
    }

    /// The value the connection string gave for `keyword`, if any.
    subscript(keyword: ConnectionKeyword) -> String? {
        values[keyword.name]
    }
}

/// Byte-level helpers shared by the connection-string parsers, which work on UTF-8 bytes as
/// libpq works on `char`s so that escapes and separators behave identically.
enum ConnectionStringBytes {
    /// C's `isspace` in the C locale: space, tab, newline, vertical tab, form feed, return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Bytes back to text; bytes that are not UTF-8 become U+FFFD.
    static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }
}
