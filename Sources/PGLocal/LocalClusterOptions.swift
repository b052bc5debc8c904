/// How ``LocalCluster/start(_:)`` should set up a throwaway cluster.
public struct LocalClusterOptions: Sendable {
    /// Whether the server accepts TLS (`ssl = on` with a server certificate signed by the test CA).
    ///
    /// Without TLS the `hostssl` lines of pg_hba.conf never match, so ``LocalCluster/sslOnlyUser``
    /// and ``LocalCluster/certUser`` cannot log in.
    public var tls: Bool = true

    /// Extra `postgresql.conf` settings, written after (and so overriding) the built-in ones.
    ///
    /// Values are written as quoted strings, which PostgreSQL accepts for settings of every type,
    /// e.g. `["log_connections": "on", "work_mem": "8MB"]`.
    public var extraSettings: [String: String] = [:]

    /// The installation whose binaries to use; `nil` means ``PostgresInstallation/locate(environment:searchRoot:)``.
    public var installation: PostgresInstallation? = nil

    /// Creates options; the defaults give a TLS-enabled cluster with the built-in settings.
    public init(
        tls: Bool = true,
        extraSettings: [String: String] = [:],
        installation: PostgresInstallation? = nil
    ) {
        self.tls = tls
        self.extraSettings = extraSettings
        self.installation = installation
    }
}
