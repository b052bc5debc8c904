/// The text of the cluster's configuration files: our `postgresql.conf` settings and `pg_hba.conf`.
///
/// Pure functions of their inputs, so the rules can be read (and tested) without starting a server.
struct ClusterConfiguration: Sendable {
    var port: Int
    var socketDirectory: String
    var listensOnIPv6: Bool
    /// The certificate files when TLS is on.
    var certificates: TestCertificates?
    var extraSettings: [String: String]

    /// The loopback addresses the server listens on, as pg_hba.conf CIDR blocks.
    var loopbackBlocks: [String] { listensOnIPv6 ? ["127.0.0.1/32", "::1/128"] : ["127.0.0.1/32"] }

    /// Settings for a fast, disposable server; written to a file that `postgresql.conf` includes last.
    var settings: String {
        var entries: [(String, String)] = [
            ("listen_addresses", listensOnIPv6 ? "127.0.0.1,::1" : "127.0.0.1"),
            ("port", String(port)),
            ("unix_socket_directories", socketDirectory),
            // Durability is pointless for a cluster deleted after the test.
            ("fsync", "off"),
            ("synchronous_commit", "off"),
            ("full_page_writes", "off"),
            ("max_connections", "120"),
            ("shared_buffers", "128MB"),
            ("password_encryption", "scram-sha-256"),
            // The postmaster's own output goes to postgres.log in the root folder instead.
            ("logging_collector", "off"),
            // English server messages whatever the host's locale, so tests can match them.
            ("lc_messages", "C"),
        ]
        if let certificates {
            entries += [
                ("ssl", "on"),
                ("ssl_cert_file", certificates.serverCertificate),
                ("ssl_key_file", certificates.serverKey),
                // Lets the server verify client certificates for the `cert` method.
                ("ssl_ca_file", certificates.caCertificate),
            ]
        } else {
            entries.append(("ssl", "off"))
        }
        entries += extraSettings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let lines = entries.map { "\($0.0) = \(Self.quoted($0.1))" }
        return (["# Written by PGLocal; later lines win."] + lines).joined(separator: "\n") + "\n"
    }

    /// Client authentication rules. The first line matching connection type, user and address wins, so:
    /// the superuser is trusted everywhere (for setup and tests); each test user gets exactly its method;
    /// the SSL-only, no-SSL and certificate users are explicitly rejected over the other transport;
    /// any other role (created by a test) may log in with SCRAM.
    var hostBasedAuthentication: String {
        var rules: [(type: String, user: String, address: String, method: String)] = [
            ("local", LocalCluster.superuser, "", "trust"),
            ("local", LocalCluster.trustUser.name, "", "trust"),
            ("local", LocalCluster.md5User.name, "", "md5"),
            ("local", LocalCluster.cleartextUser.name, "", "password"),
            ("local", "all", "", "scram-sha-256"),
        ]
        let tcpRules: [(type: String, user: String, method: String)] = [
            ("host", LocalCluster.superuser, "trust"),
            ("host", LocalCluster.trustUser.name, "trust"),
            ("host", LocalCluster.md5User.name, "md5"),
            ("host", LocalCluster.cleartextUser.name, "password"),
            ("host", "\(LocalCluster.scramUser.name),\(LocalCluster.unicodeUser.name)", "scram-sha-256"),
            ("hostssl", LocalCluster.certUser.name, "cert"),
            ("hostssl", LocalCluster.sslOnlyUser.name, "scram-sha-256"),
            ("hostnossl", LocalCluster.noSSLUser.name, "scram-sha-256"),
            ("host", "\(LocalCluster.certUser.name),\(LocalCluster.sslOnlyUser.name),\(LocalCluster.noSSLUser.name)",
             "reject"),
            ("host", "all", "scram-sha-256"),
        ]
        // Without TLS, PostgreSQL flags every hostssl line as an error ("cannot match because SSL is
        // disabled"); leaving them out lets the reject line turn those users away instead.
        for rule in tcpRules where certificates != nil || rule.type != "hostssl" {
            for block in loopbackBlocks {
                rules.append((rule.type, rule.user, block, rule.method))
            }
        }
        let header = [
            "# Written by PGLocal. The first matching line wins.",
            Self.row("# TYPE", "DATABASE", "USER", "ADDRESS", "METHOD"),
        ]
        let body = rules.map { Self.row($0.type, "all", $0.user, $0.address, $0.method) }
        return (header + body).joined(separator: "\n") + "\n"
    }

    private static func row(_ columns: String...) -> String {
        let widths = [10, 9, 48, 15]
        var line = ""
        for (index, column) in columns.enumerated() {
            let width = index < widths.count ? widths[index] : 0
            line += column.padding(toLength: max(width, column.count + 1), withPad: " ", startingAt: 0)
        }
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// A postgresql.conf string literal; PostgreSQL accepts quoted values for settings of every type.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
