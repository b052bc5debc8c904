/// How strongly to insist on TLS: libpq's `sslmode`, with the same values and meanings.
///
/// The default is ``prefer``. When `sslrootcert=system` is given and no `sslmode` is, the
/// default becomes ``verifyFull``, as in libpq 16 and later.
public enum SSLMode: String, Sendable, Codable, CaseIterable {
    /// Never use TLS.
    case disable
    /// Try without TLS first; if the server refuses that, try again with TLS.
    case allow
    /// Try TLS first; if the server does not offer it, continue without. The default.
    case prefer
    /// Use TLS or fail. libpq still verifies the chain when a root certificate file exists
    /// (`sslrootcert`, or `~/.postgresql/root.crt`): it then behaves like ``verifyCA``.
    case require
    /// Use TLS, and the server's certificate must chain to a trusted root.
    case verifyCA = "verify-ca"
    /// As ``verifyCA``, and the certificate must also name the host that was asked for.
    case verifyFull = "verify-full"

    /// Whether a connection in this mode may end up unencrypted.
    public var permitsPlaintext: Bool {
        switch self {
        case .disable, .allow, .prefer: true
        case .require, .verifyCA, .verifyFull: false
        }
    }
}

/// Whether SCRAM channel binding (`SCRAM-SHA-256-PLUS`) is used: libpq's `channel_binding`.
public enum ChannelBindingMode: String, Sendable, Codable, CaseIterable {
    /// Never use channel binding.
    case disable
    /// Use channel binding when TLS and the server both allow it. The default.
    case prefer
    /// Refuse to authenticate without channel binding.
    case require
}

/// Which kind of server is acceptable when several hosts are given: libpq's `target_session_attrs`.
public enum TargetSessionAttributes: String, Sendable, Codable, CaseIterable {
    /// Any server that accepts the connection. The default.
    case any
    /// A server whose sessions accept writes by default.
    case readWrite = "read-write"
    /// A server whose sessions are read-only by default.
    case readOnly = "read-only"
    /// A server that is not in hot standby.
    case primary
    /// A server in hot standby.
    case standby
    /// A standby if one answers, else any server.
    case preferStandby = "prefer-standby"
}

/// Whether a client certificate is sent when the server asks for one: libpq's `sslcertmode`.
public enum SSLCertMode: String, Sendable, Codable, CaseIterable {
    /// Never send a client certificate.
    case disable
    /// Send one if it is configured and the server asks. The default.
    case allow
    /// Fail unless the server asks for, and is sent, a client certificate.
    case require
}

/// Whether the hosts are tried in the given order or shuffled: libpq's `load_balance_hosts`.
public enum LoadBalanceHosts: String, Sendable, Codable, CaseIterable {
    /// Try the hosts in the order given. The default.
    case disable
    /// Shuffle the hosts (the connector does it, so that parsing stays deterministic).
    case random
}

/// A TLS protocol version, as libpq spells them in `ssl_min_protocol_version` and
/// `ssl_max_protocol_version` (matched without regard to case).
public enum TLSProtocolVersion: String, Sendable, Codable, CaseIterable, Comparable {
    /// TLS 1.0.
    case tls1_0 = "TLSv1"
    /// TLS 1.1.
    case tls1_1 = "TLSv1.1"
    /// TLS 1.2, libpq's default minimum.
    case tls1_2 = "TLSv1.2"
    /// TLS 1.3.
    case tls1_3 = "TLSv1.3"

    /// Reads libpq's spelling, ignoring case as libpq does (`tlsv1.3` is accepted).
    public init?(libpqName: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == libpqName.lowercased() }) else {
            return nil
        }
        self = match
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .tls1_0: 0
        case .tls1_1: 1
        case .tls1_2: 2
        case .tls1_3: 3
        }
    }
}
