import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates files and folders with exact permission bits, so the server's OS user can reach what it
/// needs and keys stay private.
enum FilePermissions {
    /// Sets the permission bits of `path`.
    static func set(_ path: String, mode: mode_t) throws {
        guard chmod(path, mode) == 0 else {
            throw LocalClusterError.fileSystem(
                "could not chmod \(String(mode, radix: 8)) \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `contents` to `path` with mode `mode`.
    static func write(_ contents: String, to path: String, mode: mode_t = 0o644) throws {
        do {
            try contents.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw LocalClusterError.fileSystem("could not write \(path): \(error.localizedDescription)")
        }
        try set(path, mode: mode)
    }

    /// Creates the folder `path` (its parent must exist) with mode `mode`.
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws {
        guard mkdir(path, mode) == 0 else {
            throw LocalClusterError.fileSystem("could not create \(path): \(String(cString: strerror(errno)))")
        }
        // mkdir applies the umask; set the bits explicitly.
        try set(path, mode: mode)
    }

    /// Creates a fresh, uniquely named folder `pglocal-XXXXXX` in the temporary folder, mode 0755
    /// so that the server's OS user can traverse it.
    ///
    /// `/tmp` is used when `$TMPDIR` is so long that a Unix socket path below it would exceed the
    /// 104-byte `sun_path` limit (macOS's per-user temporary folders come close).
    static func makeTemporaryRoot() throws -> String {
        var base = NSTemporaryDirectory()
        // Room for "/pglocal-XXXXXX/socket/.s.PGSQL.65535" within sun_path.
        if base.utf8.count > 60 || !FileManager.default.fileExists(atPath: base) {
            base = "/tmp"
        }
        let template = (base as NSString).appendingPathComponent("pglocal-XXXXXX")
        var buffer = Array(template.utf8CString)
        let created = buffer.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) }
        guard let path = created else {
            throw LocalClusterError.fileSystem(
                "could not create a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        try set(path, mode: 0o755)
        return path
    }
}
