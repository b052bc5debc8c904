#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which certificate files a TLS connection will load, after defaults and existence checks.
struct TLSFiles: Equatable, Sendable {
    /// Where trusted root certificates come from.
    enum TrustAnchors: Equatable, Sendable {
        /// No root certificate: the server's chain is not verified (libpq's require/prefer/allow without root.crt).
        case none
        /// OpenSSL's default verify paths (sslrootcert=system).
        case system
        /// A PEM file of trusted roots.
        case file(String)
    }

    var trustAnchors: TrustAnchors
    /// `~/.postgresql/root.crl` when it exists next to a root certificate file.
    var revocationList: String?
    var clientCertificate: String?
    var clientKey: String?
}

/// stat(2) of a path, reduced to what the TLS file rules look at.
struct FileStatus {
    var exists = false
    var errorCode: Int32 = 0
    var isRegularFile = false
    var permissions: UInt32 = 0
    var ownerID: UInt32 = 0

    init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            errorCode = errno
            return
        }
        exists = true
        isRegularFile = UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG)
        permissions = UInt32(info.st_mode) & 0o7777
        ownerID = UInt32(info.st_uid)
    }
}
