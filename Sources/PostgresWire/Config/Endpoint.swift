/// One place to try to connect to: a host name, an IP literal, or a Unix-socket directory.
///
/// libpq treats a `host` that starts with `/` as the directory holding the server's Unix socket,
/// and one that starts with `@` as a name in Linux's abstract socket namespace. When `hostaddr`
/// is set it is the numeric address actually dialled, over TCP, and `host` (which may then be
/// empty) only names the server for TLS verification and `.pgpass` look-ups.
public struct Endpoint: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A host name, an IP literal, or a socket directory; empty only when ``hostaddr`` is set.
    public var host: String
    /// The numeric IP address to connect to instead of resolving ``host`` (libpq's `hostaddr`).
    public var hostaddr: String?
    /// The TCP port, which for a Unix socket is the number in the socket file's name.
    public var port: Int

    /// The port libpq uses when none is given.
    public static let defaultPort = 5432

    /// Creates an endpoint; an empty `hostaddr` counts as none.
    public init(host: String, hostaddr: String? = nil, port: Int = Endpoint.defaultPort) {
        self.host = host
        self.hostaddr = (hostaddr?.isEmpty ?? true) ? nil : hostaddr
        self.port = port
    }

    /// Whether this endpoint is reached through a Unix-domain socket rather than TCP.
    ///
    /// libpq's rule: no `hostaddr`, and a host that is an absolute path or starts with `@`.
    public var isUnixSocket: Bool {
        hostaddr == nil && (host.hasPrefix("/") || host.hasPrefix("@"))
    }

    /// Whether the socket lives in Linux's abstract namespace (host starts with `@`); the
    /// transport replaces that `@` with a NUL byte when it builds the socket address.
    public var isAbstractUnixSocket: Bool {
        isUnixSocket && host.hasPrefix("@")
    }

    /// The socket file libpq would open: `<dir>/.s.PGSQL.<port>`. Meaningful only when
    /// ``isUnixSocket`` is true.
    public var unixSocketPath: String {
        "\(host)/.s.PGSQL.\(port)"
    }

    /// `host:port`, `[v6]:port`, `host (hostaddr):port`, or the socket file's path, for messages.
    public var description: String {
        if isUnixSocket { return unixSocketPath }
        let name = host.contains(":") ? "[\(host)]" : host
        guard let hostaddr else { return "\(name):\(port)" }
        let address = hostaddr.contains(":") ? "[\(hostaddr)]" : hostaddr
        return name.isEmpty ? "\(address):\(port)" : "\(name) (\(address)):\(port)"
    }
}
