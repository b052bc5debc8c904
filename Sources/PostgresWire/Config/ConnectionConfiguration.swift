import Foundation

/// Everything needed to open a connection, read from a connection string and the environment
/// with libpq's rules, so that whatever works with `psql` works with pgcheck.
///
/// Each setting comes from the connection string (a `postgresql://` URI or a `key=value`
/// string), else its `PG*` environment variable, else libpq's default. Passwords from
/// `~/.pgpass` are not read here but per endpoint at connect time, see
/// ``lookUpPassword(for:)``.
///
/// Printing a configuration (`description`, `debugDescription`, `dump`) never shows a password.
public struct ConnectionConfiguration: Sendable, Equatable {
    /// The servers to try, in order. Never empty. With no host given, the Unix sockets in
    /// ``defaultSocketDirectories``.
    public var endpoints: [Endpoint]
    /// The database role to log in as; defaults to the operating-system user name.
    public var user: String
    /// A password given in the connection string or `PGPASSWORD`. When nil, `.pgpass` is consulted
    /// for each endpoint at connect time.
    public var password: String?
    /// The database to connect to; defaults to ``user``.
    public var database: String
    /// How strongly to insist on TLS. Default ``SSLMode/prefer``.
    public var sslMode: SSLMode
    /// Trusted root certificates: a file path, or `system` for the system's store. Nil means the
    /// transport's default, `~/.postgresql/root.crt`.
    public var sslRootCert: String?
    /// The client certificate file; nil means `~/.postgresql/postgresql.crt` if it exists.
    public var sslCert: String?
    /// The client certificate's private key file; nil means `~/.postgresql/postgresql.key`.
    public var sslKey: String?
    /// The pass phrase of an encrypted ``sslKey`` (libpq's `sslpassword`). A secret, never printed.
    public var sslPassword: String?
    /// A certificate revocation list file (libpq's `sslcrl`).
    public var sslCRL: String?
    /// A directory of certificate revocation lists (libpq's `sslcrldir`).
    public var sslCRLDir: String?
    /// Whether a client certificate is offered. Default ``SSLCertMode/allow``.
    public var sslCertMode: SSLCertMode
    /// The lowest TLS version accepted; libpq's default is TLS 1.2, nil means no minimum.
    public var sslMinProtocolVersion: TLSProtocolVersion?
    /// The highest TLS version offered; nil means no maximum.
    public var sslMaxProtocolVersion: TLSProtocolVersion?
    /// Whether TLS Server Name Indication is sent (libpq's `sslsni`, default on; never for IP literals).
    public var sslSNI: Bool
    /// Whether SCRAM channel binding is used. Default ``ChannelBindingMode/prefer``.
    public var channelBinding: ChannelBindingMode
    /// `application_name`, else `fallback_application_name`, else "pgcheck". Empty means none is sent.
    public var applicationName: String
    /// Seconds to wait for each connection attempt; nil waits forever. libpq's rules: zero or
    /// negative means forever, and 1 is raised to 2.
    public var connectTimeout: Double?
    /// Command-line options for the server process, e.g. `-c statement_timeout=5s`, or Neon's
    /// `endpoint=ep-xyz`. Sent as the `options` startup parameter.
    public var options: String?
    /// The password file to read; nil means `.pgpass` in ``homeDirectory``.
    public var passfile: String?
    /// The home directory holding `.pgpass` and `.postgresql/` (client certificates, `root.crt`),
    /// resolved once, when the configuration is read: `HOME` if set and non-empty, else the effective
    /// user's home in the password database (libpq's `pqGetHomeDirectory`). Nil: there is none, and
    /// no default file is looked for.
    public var homeDirectory: String?
    /// Which kind of server is acceptable. Default ``TargetSessionAttributes/any``.
    public var targetSessionAttrs: TargetSessionAttributes
    /// libpq 16's `require_auth`, as given; already validated. See ``requireAuthPolicy``.
    public var requireAuth: String?
    /// Whether the connector shuffles ``endpoints`` before trying them. Default ``LoadBalanceHosts/disable``.
    public var loadBalanceHosts: LoadBalanceHosts

    /// Creates a configuration directly, with libpq's defaults for everything not given.
    public init(
        endpoints: [Endpoint],
        user: String,
        database: String,
        password: String? = nil,
        sslMode: SSLMode = .prefer,
        sslRootCert: String? = nil,
        sslCert: String? = nil,
        sslKey: String? = nil,
        sslPassword: String? = nil,
        sslCRL: String? = nil,
        sslCRLDir: String? = nil,
        sslCertMode: SSLCertMode = .allow,
        sslMinProtocolVersion: TLSProtocolVersion? = .tls1_2,
        sslMaxProtocolVersion: TLSProtocolVersion? = nil,
        sslSNI: Bool = true,
        channelBinding: ChannelBindingMode = .prefer,
        applicationName: String = "pgcheck",
        connectTimeout: Double? = nil,
        options: String? = nil,
        passfile: String? = nil,
        homeDirectory: String? = ConnectionConfiguration.homeDirectory(environment: ProcessInfo.processInfo.environment),
        targetSessionAttrs: TargetSessionAttributes = .any,
        requireAuth: String? = nil,
        loadBalanceHosts: LoadBalanceHosts = .disable
    ) {
        self.endpoints = endpoints
        self.user = user
        self.database = database
        self.password = password
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
        self.sslCert = sslCert
        self.sslKey = sslKey
        self.sslPassword = sslPassword
        self.sslCRL = sslCRL
        self.sslCRLDir = sslCRLDir
        self.sslCertMode = sslCertMode
        self.sslMinProtocolVersion = sslMinProtocolVersion
        self.sslMaxProtocolVersion = sslMaxProtocolVersion
        self.sslSNI = sslSNI
        self.channelBinding = channelBinding
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.options = options
        self.passfile = passfile
        self.homeDirectory = homeDirectory
        self.targetSessionAttrs = targetSessionAttrs
        self.requireAuth = requireAuth
        self.loadBalanceHosts = loadBalanceHosts
    }

    /// The home directory as libpq finds it (see ``homeDirectory``) for `environment`.
    public static func homeDirectory(environment: [String: String]) -> String? {
        LocalAccount.homeDirectory(environment: environment)
    }

    /// Reads a connection string as libpq's `PQconnectdb` does: a `postgresql://` or
    /// `postgres://` URI, or `key=value` pairs (an empty string sets nothing). Settings the
    /// string leaves out come from the `PG*` variables in `environment`, then the defaults.
    ///
    /// Throws ``ClientError`` (`.configuration`) naming the offending keyword or value, for
    /// example `invalid connection option "x"` or `invalid sslmode value: "bogus"`. Messages
    /// never contain the password.
    public static func parse(
        _ connectionString: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConnectionConfiguration {
        let parameters =
            ConnectionURI.isURI(connectionString)
            ? try ConnectionURI.parse(connectionString)
            : try KeyValueConnectionString.parse(connectionString)
        return try ConfigurationAssembler(parameters: parameters, environment: environment).assemble()
    }

    /// The configuration the `PG*` variables and libpq's defaults describe, as `psql` with no
    /// arguments would use.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConnectionConfiguration {
        try parse("", environment: environment)
    }

    /// pgcheck's rule: `url` if given, else `DATABASE_URL` if it is set and not blank, else the
    /// `PG*` variables and defaults. Either string may be a URI or a `key=value` string; the
    /// `PG*` variables still fill in what it leaves out. Leading and trailing whitespace (such as
    /// the newline of a value read from a file) is ignored.
    public static func resolve(
        url: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConnectionConfiguration {
        if let url {
            return try parse(trimmingWhitespace(url), environment: environment)
        }
        if let databaseURL = environment["DATABASE_URL"].map(trimmingWhitespace),
            !databaseURL.isEmpty
        {
            return try parse(databaseURL, environment: environment)
        }
        return try fromEnvironment(environment)
    }

    /// `text` without leading and trailing white space (Unicode White_Space, newlines included), done by
    /// hand: Foundation's `trimmingCharacters(in:)` bridges through NSString, whose first use costs a
    /// noticeable part of a short command's start-up.
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The socket directories tried, in order, when no host is given.
    ///
    /// libpq has one compiled-in default directory, and which one depends on how it was built:
    /// Debian's and Ubuntu's libpq use `/var/run/postgresql` (where their server packages put
    /// the socket), upstream builds and Homebrew use `/tmp`. pgcheck cannot know which server it
    /// is meant to find, so it tries both, Debian's first; the first directory holding a socket
    /// for the port wins. Both also count as `localhost` in the password file.
    public static let defaultSocketDirectories = ["/var/run/postgresql", "/tmp"]

    /// The parsed form of ``requireAuth``; nil when no requirement was given.
    public var requireAuthPolicy: RequireAuthPolicy? {
        requireAuth.flatMap { try? RequireAuthPolicy(parsing: $0) }
    }
}

extension ConnectionConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The ``redactedDescription``: safe to print.
    public var description: String { redactedDescription }

    /// The ``redactedDescription``: safe to print.
    public var debugDescription: String { redactedDescription }

    /// Shows every field but the secrets, so that `dump(configuration)` is safe too.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "endpoints": endpoints, "user": user, "database": database,
                "password": password == nil ? "nil" : "<redacted>",
                "sslMode": sslMode, "sslRootCert": sslRootCert as Any, "sslCert": sslCert as Any,
                "sslKey": sslKey as Any, "sslPassword": sslPassword == nil ? "nil" : "<redacted>",
                "sslCRL": sslCRL as Any, "sslCRLDir": sslCRLDir as Any, "sslCertMode": sslCertMode,
                "sslMinProtocolVersion": sslMinProtocolVersion as Any,
                "sslMaxProtocolVersion": sslMaxProtocolVersion as Any, "sslSNI": sslSNI,
                "channelBinding": channelBinding, "applicationName": applicationName,
                "connectTimeout": connectTimeout as Any, "options": options as Any, "passfile": passfile as Any,
                "targetSessionAttrs": targetSessionAttrs, "requireAuth": requireAuth as Any,
                "loadBalanceHosts": loadBalanceHosts,
            ],
            displayStyle: .struct)
    }
}
