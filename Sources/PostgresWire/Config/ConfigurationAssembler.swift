/// Turns the pairs a connection string set, the `PG*` environment and libpq's defaults into a
/// validated ``ConnectionConfiguration``, applying them as libpq's `conninfo_add_defaults` and
/// `pqConnectOptions2` do: the connection string first, then the environment variable (even
/// when it is empty), then the default.
struct ConfigurationAssembler {
    /// A setting's value and where it came from, so that an error says what to fix.
    struct Setting: Sendable, Equatable {
        var value: String
        /// The environment variable it was read from; nil when the connection string gave it.
        var environmentVariable: String?

        /// ` (from PGSSLMODE)` for a value read from the environment, else an empty string.
        var originSuffix: String {
            environmentVariable.map { " (from \($0))" } ?? ""
        }
    }

    let parameters: ConnectionParameters
    let environment: [String: String]

    /// The connection string's value for `keyword`, else its environment variable's.
    func setting(_ keyword: ConnectionKeyword) -> Setting? {
        if let value = parameters[keyword] { return Setting(value: value, environmentVariable: nil) }
        if let variable = keyword.environmentVariable, let value = environment[variable] {
            return Setting(value: value, environmentVariable: variable)
        }
        return nil
    }

    /// The setting's value, with an empty value counting as none (for paths and names).
    func nonEmpty(_ keyword: ConnectionKeyword) -> String? {
        guard let value = setting(keyword)?.value, !value.isEmpty else { return nil }
        return value
    }

    func assemble() throws -> ConnectionConfiguration {
        try refuseUnsupportedRequests()
        let endpoints = try EndpointList.endpoints(
            host: setting(.host), hostaddr: setting(.hostaddr), port: setting(.port))
        let user = try nonEmpty(.user) ?? LocalAccount.userName()
        let requireAuth = nonEmpty(.requireAuth)
        if let requireAuth {
            _ = try RequireAuthPolicy(parsing: requireAuth)
        }
        let sslRootCert = nonEmpty(.sslrootcert)
        let (minimumTLS, maximumTLS) = try protocolVersions()

        return ConnectionConfiguration(
            endpoints: endpoints,
            user: user,
            database: nonEmpty(.dbname) ?? user,
            password: nonEmpty(.password),
            sslMode: try sslMode(rootCert: sslRootCert),
            sslRootCert: sslRootCert,
            sslCert: nonEmpty(.sslcert),
            sslKey: nonEmpty(.sslkey),
            sslPassword: nonEmpty(.sslpassword),
            sslCRL: nonEmpty(.sslcrl),
            sslCRLDir: nonEmpty(.sslcrldir),
            sslCertMode: try choice(.sslcertmode, default: .allow),
            sslMinProtocolVersion: minimumTLS,
            sslMaxProtocolVersion: maximumTLS,
            // libpq sends SNI only when the value starts with "1"; "0", "" or "true" turn it off.
            sslSNI: (setting(.sslsni)?.value ?? "1").hasPrefix("1"),
            channelBinding: try choice(.channelBinding, default: .prefer),
            applicationName: applicationName(),
            connectTimeout: try connectTimeout(),
            options: nonEmpty(.options),
            passfile: nonEmpty(.passfile),
            homeDirectory: LocalAccount.homeDirectory(environment: environment),
            targetSessionAttrs: try choice(.targetSessionAttrs, default: .any),
            requireAuth: requireAuth,
            loadBalanceHosts: try choice(.loadBalanceHosts, default: .disable))
    }

    /// Refuses settings that ask for something pgcheck cannot do, rather than silently
    /// connecting in a way the user did not ask for.
    private func refuseUnsupportedRequests() throws {
        if let service = setting(.service), !service.value.isEmpty {
            throw ClientError(
                .configuration,
                "connection service files are not supported (service \"\(service.value)\"\(service.originSuffix)); "
                    + "give host, port, dbname and user instead")
        }
        if let peer = setting(.requirepeer), !peer.value.isEmpty {
            throw ClientError(
                .configuration, "requirepeer is not supported\(peer.originSuffix); remove it to connect")
        }
        if let replication = setting(.replication), !["", "false", "off", "no", "0"].contains(replication.value) {
            throw ClientError(
                .configuration,
                "replication connections are not supported (replication=\"\(replication.value)\"); remove it")
        }
        let gssMode = try validated(.gssencmode, among: ["disable", "prefer", "require"])
        if gssMode == "require" {
            throw ClientError(
                .configuration,
                "gssencmode value \"require\" invalid: pgcheck has no GSSAPI support; use gssencmode=disable")
        }
        if try validated(.sslnegotiation, among: ["postgres", "direct"]) == "direct" {
            throw ClientError(
                .configuration,
                "sslnegotiation value \"direct\" is not supported; use sslnegotiation=postgres")
        }
    }

    /// The setting's value if it is one of `allowed` (or unset: nil); an error naming it otherwise.
    private func validated(_ keyword: ConnectionKeyword, among allowed: [String]) throws -> String? {
        guard let setting = setting(keyword) else { return nil }
        guard allowed.contains(setting.value) else {
            throw invalidValue(keyword, setting, expected: allowed)
        }
        return setting.value
    }

    /// An enumerated setting; an unset keyword gives `fallback`, an empty or unknown value is an
    /// error, as in libpq.
    private func choice<Mode: RawRepresentable & CaseIterable>(
        _ keyword: ConnectionKeyword, default fallback: Mode
    ) throws -> Mode where Mode.RawValue == String {
        guard let setting = setting(keyword) else { return fallback }
        guard let mode = Mode(rawValue: setting.value) else {
            throw invalidValue(keyword, setting, expected: Mode.allCases.map(\.rawValue))
        }
        return mode
    }

    /// `sslmode`: the setting, else `PGREQUIRESSL=1` (deprecated, still honoured by libpq),
    /// else `verify-full` when `sslrootcert=system`, else `prefer`.
    private func sslMode(rootCert: String?) throws -> SSLMode {
        let explicit = setting(.sslmode)
        let mode: SSLMode
        if explicit != nil {
            mode = try choice(.sslmode, default: .prefer)
        } else if environment["PGREQUIRESSL"]?.hasPrefix("1") == true {
            mode = .require
        } else {
            mode = rootCert == "system" ? .verifyFull : .prefer
        }
        if rootCert == "system", mode != .verifyFull {
            throw ClientError(
                .configuration,
                "weak sslmode \"\(mode.rawValue)\" may not be used with sslrootcert=system (use \"verify-full\")")
        }
        return mode
    }

    /// `ssl_min_protocol_version` (default TLSv1.2) and `ssl_max_protocol_version`; an empty
    /// value means no bound. The minimum may not exceed the maximum.
    private func protocolVersions() throws -> (TLSProtocolVersion?, TLSProtocolVersion?) {
        func version(_ keyword: ConnectionKeyword, default fallback: TLSProtocolVersion?) throws
            -> TLSProtocolVersion?
        {
            guard let setting = setting(keyword) else { return fallback }
            if setting.value.isEmpty { return nil }
            guard let version = TLSProtocolVersion(libpqName: setting.value) else {
                throw invalidValue(keyword, setting, expected: TLSProtocolVersion.allCases.map(\.rawValue))
            }
            return version
        }
        let minimum = try version(.sslMinProtocolVersion, default: .tls1_2)
        let maximum = try version(.sslMaxProtocolVersion, default: nil)
        if let minimum, let maximum, minimum > maximum {
            throw ClientError(
                .configuration,
                "invalid SSL protocol version range: ssl_min_protocol_version \(minimum.rawValue) "
                    + "is above ssl_max_protocol_version \(maximum.rawValue)")
        }
        return (minimum, maximum)
    }

    /// `application_name` (or `PGAPPNAME`), else `fallback_application_name`, else "pgcheck".
    /// An empty `application_name` is kept: libpq then sends none.
    private func applicationName() -> String {
        setting(.applicationName)?.value ?? parameters[.fallbackApplicationName] ?? "pgcheck"
    }

    /// Whole seconds; zero or negative means wait forever (nil); 1 becomes 2, as in libpq,
    /// because a one-second limit rounded down could expire almost at once.
    private func connectTimeout() throws -> Double? {
        guard let setting = setting(.connectTimeout) else { return nil }
        guard let seconds = LibpqInteger.parse(setting.value) else {
            throw ClientError(
                .configuration,
                "invalid integer value \"\(setting.value)\" for connection option \"connect_timeout\""
                    + "\(setting.originSuffix); give whole seconds")
        }
        return seconds > 0 ? Double(max(seconds, 2)) : nil
    }

    /// libpq's `invalid sslmode value: "x"`, saying where the value came from and what would do.
    private func invalidValue(_ keyword: ConnectionKeyword, _ setting: Setting, expected: [String]) -> ClientError {
        ClientError(
            .configuration,
            "invalid \(keyword.name) value: \"\(setting.value)\"\(setting.originSuffix) "
                + "(expected one of \(expected.joined(separator: ", ")))")
    }
}
