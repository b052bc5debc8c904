import Foundation

/// Fresh folders under the system's temporary folder, removed by nobody: they are tiny.
public enum TemporaryFolder {
    /// Creates `PREFIX-XXXXXXXX` under the temporary folder and returns its path.
    public static func make(prefix: String) throws(TestSetupError) -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TestSetupError("could not create \(path): \(error)")
        }
        return path
    }

    /// A home folder whose `.postgresql/` holds copies of `files` (name there → source path), where
    /// libpq-style clients look for `root.crt`, `postgresql.crt` and `postgresql.key`; `.key` files get
    /// mode 0600, the others 0644.
    public static func home(with files: [String: String] = [:]) throws -> String {
        let home = try make(prefix: "pgcheck-home")
        let folder = home + "/.postgresql"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, source) in files {
            try FileManager.default.copyItem(atPath: source, toPath: "\(folder)/\(name)")
            try FileManager.default.setAttributes(
                [.posixPermissions: name.hasSuffix(".key") ? 0o600 : 0o644], ofItemAtPath: "\(folder)/\(name)")
        }
        return home
    }
}
