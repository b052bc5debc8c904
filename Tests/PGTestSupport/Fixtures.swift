import Foundation

/// The repository's files that tests read: `Fixtures/` (migrations, seeds, expected outputs) and the
/// fuzz seeds in `Fuzz/`, found from where this source file sits (`Tests/PGTestSupport/`).
public enum Fixtures {
    /// The repository's root folder, the one holding Package.swift.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `Fixtures/` folder.
    public static let folder = repository.appendingPathComponent("Fixtures")

    /// A file or folder below `Fixtures/`, e.g. `url("drizzle")`.
    public static func url(_ relativePath: String) -> URL {
        folder.appendingPathComponent(relativePath)
    }

    /// A file or folder below `Fixtures/` as a path.
    public static func path(_ relativePath: String) -> String {
        url(relativePath).path
    }

    /// A file or folder below `Fuzz/`, e.g. `fuzz("corpus/connection-string")`.
    public static func fuzz(_ relativePath: String) -> URL {
        repository.appendingPathComponent("Fuzz").appendingPathComponent(relativePath)
    }
}
