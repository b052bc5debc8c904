/// An authentication method that libpq's `require_auth` can name.
public enum RequireAuthMethod: String, Sendable, Codable, CaseIterable {
    /// Cleartext password (`AuthenticationCleartextPassword`).
    case password
    /// MD5-hashed password (`AuthenticationMD5Password`).
    case md5
    /// GSSAPI (pgcheck cannot perform it, but libpq accepts the name).
    case gss
    /// SSPI (Windows; pgcheck cannot perform it, but libpq accepts the name).
    case sspi
    /// SCRAM-SHA-256, with or without channel binding (any SASL exchange).
    case scramSHA256 = "scram-sha-256"
}

/// The meaning of a `require_auth` value (libpq 16): which authentication requests from the
/// server the client accepts, and whether a server may skip authentication altogether.
///
/// `require_auth=scram-sha-256` accepts only SCRAM; `require_auth=!password,!md5` accepts
/// anything but cleartext and MD5; `none` allows servers that ask for no authentication
/// (`trust`, certificate-only), and `!none` forbids them.
public struct RequireAuthPolicy: Sendable, Equatable {
    /// The methods the server may ask for.
    public var allowedMethods: Set<RequireAuthMethod>
    /// Whether the server may let the client in without asking for any authentication.
    public var allowsNoAuthentication: Bool
    /// Whether the value listed the methods to allow (`password,scram-sha-256`) rather than the ones to
    /// refuse (`!md5`): only a method named in an allow-list counts as explicitly allowed.
    public var isAllowList: Bool

    /// Parses a `require_auth` value with libpq's rules: a comma-separated list of `password`,
    /// `md5`, `gss`, `sspi`, `scram-sha-256` and `none`, either all plain or all negated with a
    /// leading `!`, no name twice. Throws ``ClientError`` (`.configuration`) otherwise.
    public init(parsing value: String) throws {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let negated = parts.first?.hasPrefix("!") ?? false
        // A positive list starts from "nothing allowed"; a negative one from "everything allowed".
        var allowed: Set<RequireAuthMethod> = negated ? Set(RequireAuthMethod.allCases) : []
        var allowsNone = negated
        var seen: Set<String> = []

        for part in parts {
            var method = Substring(part)
            if method.hasPrefix("!") {
                guard negated else {
                    throw ClientError(
                        .configuration,
                        "negative require_auth method \"\(part)\" cannot be mixed with non-negative methods")
                }
                method = method.dropFirst()
            } else if negated {
                throw ClientError(
                    .configuration, "require_auth method \"\(part)\" cannot be mixed with negative methods")
            }
            guard seen.insert(String(method)).inserted else {
                throw ClientError(.configuration, "require_auth method \"\(part)\" is specified more than once")
            }
            if method == "none" {
                allowsNone = !negated
            } else if let known = RequireAuthMethod(rawValue: String(method)) {
                if negated { allowed.remove(known) } else { allowed.insert(known) }
            } else {
                let names = (RequireAuthMethod.allCases.map(\.rawValue) + ["none"]).joined(separator: ", ")
                throw ClientError(
                    .configuration, "invalid require_auth value: \"\(method)\" (expected a list of \(names))")
            }
        }
        self.allowedMethods = allowed
        self.allowsNoAuthentication = allowsNone
        self.isAllowList = !negated
    }

    /// Whether a server asking for `method` is acceptable.
    public func allows(_ method: RequireAuthMethod) -> Bool {
        allowedMethods.contains(method)
    }

    /// Whether `method` is named in an allow-list (`require_auth=password`), which is how a person
    /// says they know what it means; a negated list that merely leaves it out does not count.
    public func explicitlyAllows(_ method: RequireAuthMethod) -> Bool {
        isAllowList && allowedMethods.contains(method)
    }
}
