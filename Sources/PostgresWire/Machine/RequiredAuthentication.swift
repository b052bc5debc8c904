/// libpq 16's `require_auth`: which authentication methods the client accepts from the server.
///
/// A comma-separated list of `password`, `md5`, `scram-sha-256` and `none`, or the same names each
/// prefixed with `!` to forbid them. Mixing the two forms is an error, as in libpq.
struct RequiredAuthentication: Sendable, Equatable {
    private let names: Set<String>
    private let isNegated: Bool
    private static let known: Set<String> = ["password", "md5", "scram-sha-256", "none"]

    /// Accepts every method (no `require_auth`).
    static let any = RequiredAuthentication(names: [], isNegated: true)

    private init(names: Set<String>, isNegated: Bool) {
        self.names = names
        self.isNegated = isNegated
    }

    /// Parses a `require_auth` value.
    init(parsing value: String?) throws {
        guard let value, !value.isEmpty else {
            self = .any
            return
        }
        var names: Set<String> = []
        var negations = 0
        let items = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        for item in items {
            let negated = item.hasPrefix("!")
            let name = negated ? String(item.dropFirst()) : item
            guard Self.known.contains(name) else {
                throw ClientError(.configuration, "invalid require_auth method \"\(name)\"; use password, md5, scram-sha-256 or none, each optionally prefixed with !")
            }
            if negated { negations += 1 }
            names.insert(name)
        }
        guard negations == 0 || negations == items.count else {
            throw ClientError(.configuration, "require_auth \"\(value)\" mixes required and forbidden (!) methods")
        }
        self.init(names: names, isNegated: negations > 0)
    }

    /// Whether `method` is acceptable.
    func allows(_ method: AuthenticationMethod) -> Bool {
        isNegated ? !names.contains(method.requireAuthName) : names.contains(method.requireAuthName)
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
