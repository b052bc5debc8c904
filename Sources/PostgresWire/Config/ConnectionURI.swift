/// libpq's connection URIs (`conninfo_uri_parse_options` and `conninfo_uri_parse_params`):
///
///     postgresql://[user[:password]@][host][:port][,...][/dbname][?param1=value1&...]
///
/// `postgres://` works too; the scheme is case-sensitive, as in libpq. Every part may be
/// percent-encoded. Hosts may be bracketed IPv6 literals, and a percent-encoded absolute path
/// (`%2Fvar%2Frun%2Fpostgresql`) names a socket directory. Query parameters take the same
/// keywords as `key=value` strings, plus JDBC's `ssl=true` (meaning `sslmode=require`).
enum ConnectionURI {
    /// The two schemes libpq recognises.
    static let schemes = ["postgresql://", "postgres://"]

    private static let at = UInt8(ascii: "@")
    private static let colon = UInt8(ascii: ":")
    private static let slash = UInt8(ascii: "/")
    private static let question = UInt8(ascii: "?")
    private static let comma = UInt8(ascii: ",")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let equals = UInt8(ascii: "=")
    private static let ampersand = UInt8(ascii: "&")

    /// Whether `text` starts with a URI scheme, which is how libpq tells the two syntaxes apart.
    static func isURI(_ text: String) -> Bool {
        scheme(of: text) != nil
    }

    /// The scheme `text` starts with, compared by bytes as libpq does (`strncmp`): `String.hasPrefix`
    /// compares characters, and a combining mark right after `//` would make the last `/` another one.
    private static func scheme(of text: String) -> String? {
        schemes.first { text.utf8.starts(with: $0.utf8) }
    }

    /// Parses a URI into the pairs it sets; throws ``ClientError`` (`.configuration`).
    /// Messages name positions and parts, never the whole URI, which may hold a password.
    static func parse(_ text: String) throws -> ConnectionParameters {
        guard let scheme = scheme(of: text) else {
            throw ClientError(.configuration, "a connection URI must start with postgresql:// or postgres://")
        }
        let bytes = Array(text.utf8)
        var parameters = ConnectionParameters()
        var index = try parseCredentials(bytes, from: scheme.utf8.count, into: &parameters)

        // One or more host[:port] items separated by commas; `terminator` is the byte that ended
        // the last one (0 at the end of the string).
        var hosts: [UInt8] = []
        var ports: [UInt8] = []
        var terminator: UInt8 = 0
        while true {
            hosts += try parseHost(bytes, at: &index)
            terminator = index < bytes.count ? bytes[index] : 0
            if terminator == colon {
                index += 1
                let portStart = index
                while index < bytes.count, ![slash, question, comma].contains(bytes[index]) { index += 1 }
                ports += bytes[portStart..<index]
                terminator = index < bytes.count ? bytes[index] : 0
            }
            guard terminator == comma else { break }
            index += 1
            hosts.append(comma)
            ports.append(comma)
        }
        try store(.host, hosts, into: &parameters)
        try store(.port, ports, into: &parameters)

        if terminator == slash {
            index += 1
            let nameStart = index
            while index < bytes.count, bytes[index] != question { index += 1 }
            // An empty path sets nothing, so that PGDATABASE still applies (libpq does the same).
            try store(.dbname, bytes[nameStart..<index], into: &parameters)
            terminator = index < bytes.count ? bytes[index] : 0
        }
        if terminator == question {
            try parseQuery(bytes[(index + 1)...], into: &parameters)
        }
        return parameters
    }

    /// Reads `user[:password]@` if an `@` comes before the first `/`; returns where hosts start.
    private static func parseCredentials(
        _ bytes: [UInt8], from start: Int, into parameters: inout ConnectionParameters
    ) throws -> Int {
        var index = start
        while index < bytes.count, bytes[index] != at, bytes[index] != slash { index += 1 }
        guard index < bytes.count, bytes[index] == at else { return start }
        let atIndex = index
        let userEnd = bytes[start..<atIndex].firstIndex(of: colon) ?? atIndex
        try store(.user, bytes[start..<userEnd], into: &parameters)
        if userEnd < atIndex {
            try store(.password, bytes[(userEnd + 1)..<atIndex], into: &parameters)
        }
        return atIndex + 1
    }

    /// Reads one host: a bracketed IPv6 literal, or bytes up to `:`, `/`, `?` or `,`.
    private static func parseHost(_ bytes: [UInt8], at index: inout Int) throws -> ArraySlice<UInt8> {
        guard index < bytes.count, bytes[index] == openBracket else {
            let start = index
            while index < bytes.count, ![colon, slash, question, comma].contains(bytes[index]) { index += 1 }
            return bytes[start..<index]
        }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != closeBracket { index += 1 }
        guard index < bytes.count else {
            throw ClientError(
                .configuration,
                "end of string reached when looking for matching \"]\" in IPv6 host address in URI")
        }
        guard index > start else {
            throw ClientError(.configuration, "IPv6 host address may not be empty in URI")
        }
        let address = bytes[start..<index]
        index += 1
        if index < bytes.count, ![colon, slash, question, comma].contains(bytes[index]) {
            let character = ConnectionStringBytes.string([bytes[index]])
            throw ClientError(
                .configuration,
                "unexpected character \"\(character)\" at position \(index + 1) in URI (expected \":\" or \"/\")")
        }
        return address
    }

    /// Reads `key=value&...`; both sides are percent-decoded, unknown keys are errors.
    private static func parseQuery(_ query: ArraySlice<UInt8>, into parameters: inout ConnectionParameters) throws {
        let pairs = query.split(separator: ampersand, omittingEmptySubsequences: false)
        // libpq accepts one trailing `&` but not an empty pair elsewhere (`a=1&&b=2`).
        for (position, pair) in pairs.enumerated() where !(pair.isEmpty && position == pairs.count - 1) {
            let separators = pair.indices.filter { pair[$0] == equals }
            guard let separator = separators.first else {
                throw ClientError(
                    .configuration,
                    "missing key/value separator \"=\" in URI query parameter: \(mention(pair))")
            }
            let rawKey = pair[pair.startIndex..<separator]
            guard separators.count == 1 else {
                throw ClientError(
                    .configuration,
                    "extra key/value separator \"=\" in URI query parameter: \(mention(rawKey))")
            }
            let keyBytes = try PercentEncoding.decode(rawKey, component: "query parameter name", isSecret: false)
            var key = ConnectionStringBytes.string(keyBytes)
            let isSecret = ConnectionKeyword.named(key)?.isSecret ?? false
            let valueBytes = try PercentEncoding.decode(
                pair[(separator + 1)...], component: "value of \(key)", isSecret: isSecret)
            var value = ConnectionStringBytes.string(valueBytes)
            if key == "ssl", value == "true" {
                key = ConnectionKeyword.sslmode.name
                value = SSLMode.require.rawValue
            }
            guard parameters.store(keyword: key, value: value) else {
                throw ClientError(
                    .configuration,
                    "invalid URI query parameter: \"\(key)\"\(ConnectionKeyword.suggestion(for: key))")
            }
        }
    }

    /// Stores a decoded URI part; an empty part sets nothing, as in libpq.
    private static func store<C: Collection>(
        _ keyword: ConnectionKeyword, _ raw: C, into parameters: inout ConnectionParameters
    ) throws where C.Element == UInt8 {
        guard !raw.isEmpty else { return }
        let decoded = try PercentEncoding.decode(raw, component: keyword.name, isSecret: keyword.isSecret)
        _ = parameters.store(keyword: keyword.name, value: ConnectionStringBytes.string(decoded))
    }

    /// A query token quoted for a message, unless it may carry a secret (`password%3Dx`).
    private static func mention(_ token: ArraySlice<UInt8>) -> String {
        let text = ConnectionStringBytes.string(token)
        let secretNames = ConnectionKeyword.all.filter(\.isSecret).map(\.name)
        if secretNames.contains(where: { text.lowercased().hasPrefix($0) }) {
            return "(not shown: it may hold a password)"
        }
        return "\"\(text)\""
    }
}
