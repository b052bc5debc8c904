#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a TLS connection needs to know: how strictly to verify, and which certificate files to use.
///
/// Mirrors libpq's `sslmode`, `sslrootcert`, `sslcert`, `sslkey` and `sslsni`, including its
/// `~/.postgresql/` defaults.
struct TLSSettings: Sendable {
    /// prefer/allow/require/verify-ca/verify-full (`disable` never reaches TLS and is treated like `allow`).
    var mode: SSLMode
    /// The `host` the user gave (not `hostaddr`); checked by verify-full and sent as SNI. `nil` for Unix sockets.
    var serverName: String?
    /// A PEM file of trusted roots, or "system" for the OS trust store; `nil` means `~/.postgresql/root.crt` if it exists.
    var rootCertificate: String?
    /// The client certificate chain (PEM); `nil` means `~/.postgresql/postgresql.crt` if it exists.
    var certificate: String?
    /// The client private key (PEM or DER); `nil` means `~/.postgresql/postgresql.key`.
    var privateKey: String?
    /// libpq's `sslsni`: send the host name in the handshake. Never sent for IP literals (RFC 6066).
    var sendSNI: Bool
    /// Where `~/.postgresql/` lives; empty means "no home directory" (no defaults are looked up).
    var homeDirectory: String

    init(
        mode: SSLMode,
        serverName: String? = nil,
        rootCertificate: String? = nil,
        certificate: String? = nil,
        privateKey: String? = nil,
        sendSNI: Bool = true,
        homeDirectory: String
    ) {
        self.mode = mode
        self.serverName = serverName
        self.rootCertificate = rootCertificate
        self.certificate = certificate
        self.privateKey = privateKey
        self.sendSNI = sendSNI
        self.homeDirectory = homeDirectory
    }

    /// Checks everything that can be checked without a server: the mode/root-certificate combination,
    /// that a root certificate exists when the mode verifies, and the client key's permissions.
    ///
    /// Call it before connecting to fail early; ``TLSStream`` calls it again in any case.
    func validate() throws {
        _ = try resolveFiles()
    }

    /// The file-system view of these settings, in libpq's order and with libpq's messages.
    func resolveFiles() throws -> TLSFiles {
        if rootCertificate == "system", mode != .verifyFull {
            throw ClientError(
                .configuration,
                "weak sslmode \"\(mode.rawValue)\" may not be used with sslrootcert=system (use \"verify-full\")"
            )
        }
        let trust = try resolveTrustAnchors()
        var files = TLSFiles(trustAnchors: trust)
        if case .file = trust, let crl = defaultFile("root.crl"), FileStatus(crl).exists {
            files.revocationList = crl
        }
        if let certificatePath = configuredOrDefault(certificate, "postgresql.crt") {
            let status = FileStatus(certificatePath)
            if status.exists {
                files.clientCertificate = certificatePath
                files.clientKey = try resolveClientKey()
            } else if status.errorCode != ENOENT, status.errorCode != ENOTDIR {
                throw ClientError(.tls, "could not open certificate file \"\(certificatePath)\": \(PosixErrorText.text(status.errorCode))")
            }
        }
        return files
    }

    private var verifiesServer: Bool { mode == .verifyCA || mode == .verifyFull }

    private func resolveTrustAnchors() throws -> TLSFiles.TrustAnchors {
        if rootCertificate == "system" { return .system }
        let advice = "Either provide the file, use the system's trusted roots with sslrootcert=system, or change sslmode to disable server certificate verification."
        guard let path = configuredOrDefault(rootCertificate, "root.crt") else {
            if verifiesServer {
                throw ClientError(.tls, "could not get home directory to locate root certificate file. \(advice)")
            }
            return .none
        }
        if FileStatus(path).exists { return .file(path) }
        if verifiesServer {
            throw ClientError(.tls, "root certificate file \"\(path)\" does not exist. \(advice)")
        }
        return .none
    }

    /// The key that goes with a present client certificate; libpq refuses keys others can read.
    private func resolveClientKey() throws -> String {
        guard let path = configuredOrDefault(privateKey, "postgresql.key") else {
            throw ClientError(.tls, "certificate present, but could not locate the private key file (no home directory)")
        }
        let status = FileStatus(path)
        guard status.exists else {
            if status.errorCode == ENOENT {
                throw ClientError(.tls, "certificate present, but not private key file \"\(path)\"")
            }
            throw ClientError(.tls, "could not stat private key file \"\(path)\": \(PosixErrorText.text(status.errorCode))")
        }
        guard status.isRegularFile else {
            throw ClientError(.tls, "private key file \"\(path)\" is not a regular file")
        }
        // Root-owned keys may be group-readable (0640) so a supplementary group can share them;
        // anyone else's must be 0600 or less. Same rule as libpq.
        let groupWriteOrExecute: UInt32 = 0o030, groupAll: UInt32 = 0o070, otherAll: UInt32 = 0o007
        let forbidden = status.ownerID == 0 ? groupWriteOrExecute | otherAll : groupAll | otherAll
        if status.permissions & forbidden != 0 {
            throw ClientError(
                .tls,
                "private key file \"\(path)\" has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root"
            )
        }
        return path
    }

    /// The configured path when non-empty, else `~/.postgresql/<name>`, else `nil` (no home directory).
    private func configuredOrDefault(_ configured: String?, _ name: String) -> String? {
        if let configured, !configured.isEmpty { return configured }
        return defaultFile(name)
    }

    private func defaultFile(_ name: String) -> String? {
        homeDirectory.isEmpty ? nil : "\(homeDirectory)/.postgresql/\(name)"
    }
}
