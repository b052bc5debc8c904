import Foundation

extension ConnectionConfiguration {
    /// A connection URI that is safe to print or log, e.g.
    /// `postgresql://alice@db.example.com:5432/app?sslmode=require`.
    ///
    /// The password (and `sslpassword`) are never present, not even as a mask whose length could
    /// be counted. Everything else that differs from libpq's defaults is, so that parsing the
    /// result gives back this configuration without its secrets. Socket directories are
    /// percent-encoded (`%2Fvar%2Frun%2Fpostgresql`), IPv6 literals bracketed.
    public var redactedDescription: String {
        let hosts = endpoints.map(Self.networkLocation).joined(separator: ",")
        var text = "postgresql://\(PercentEncoding.encode(user))@\(hosts)/\(PercentEncoding.encode(database))"
        text += "?" + queryItems.map { "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        return text
    }

    /// `host:port` as a URI spells it.
    private static func networkLocation(_ endpoint: Endpoint) -> String {
        let isIPv6Literal = !endpoint.isUnixSocket && endpoint.host.contains(":")
        let host = PercentEncoding.encode(endpoint.host).replacingPercentEncodedColons(if: isIPv6Literal)
        return (isIPv6Literal ? "[\(host)]" : host) + ":\(endpoint.port)"
    }

    /// The settings that differ from the defaults (plus `sslmode`, always shown because it is
    /// what a reader of a log most often needs), in a fixed order.
    private var queryItems: [(String, String)] {
        var items: [(String, String)] = [("sslmode", sslMode.rawValue)]
        func add(_ keyword: ConnectionKeyword, _ value: String?) {
            if let value { items.append((keyword.name, value)) }
        }
        if endpoints.contains(where: { $0.hostaddr != nil }) {
            add(.hostaddr, endpoints.map { $0.hostaddr ?? "" }.joined(separator: ","))
        }
        add(.sslrootcert, sslRootCert)
        add(.sslcert, sslCert)
        add(.sslkey, sslKey)
        add(.sslcrl, sslCRL)
        add(.sslcrldir, sslCRLDir)
        add(.sslcertmode, sslCertMode == .allow ? nil : sslCertMode.rawValue)
        add(.sslMinProtocolVersion, sslMinProtocolVersion == .tls1_2 ? nil : sslMinProtocolVersion?.rawValue ?? "")
        add(.sslMaxProtocolVersion, sslMaxProtocolVersion?.rawValue)
        add(.sslsni, sslSNI ? nil : "0")
        add(.channelBinding, channelBinding == .prefer ? nil : channelBinding.rawValue)
        add(.requireAuth, requireAuth)
        add(.targetSessionAttrs, targetSessionAttrs == .any ? nil : targetSessionAttrs.rawValue)
        add(.loadBalanceHosts, loadBalanceHosts == .disable ? nil : loadBalanceHosts.rawValue)
        add(.connectTimeout, connectTimeout.map { String(Int($0)) })
        add(.applicationName, applicationName == "pgcheck" ? nil : applicationName)
        add(.options, options)
        add(.passfile, passfile)
        return items
    }
}

extension String {
    /// Inside brackets an IPv6 literal keeps its colons readable (`[::1]`, not `[%3A%3A1]`).
    fileprivate func replacingPercentEncodedColons(if condition: Bool) -> String {
        condition ? replacingOccurrences(of: "%3A", with: ":") : self
    }
}
