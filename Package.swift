// swift-tools-version: 6.0
import PackageDescription

// The module graph (ARCHITECTURE.md draws it): lower layers never import higher ones.
//
//   PGCheckCLI (the `pgcheck` command) ─► PGCheck ─► PGDiff ─► PGCatalog ─► PsqlFormat ─► PostgresWire ─► PGSupport
//                                                                    └──► PGJSON                 └──► COpenSSL
//   PGLocal (throwaway clusters for tests, the demo and benchmarks) stands apart.
let package = Package(
    name: "pgcheck",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PostgresWire", targets: ["PostgresWire"]),
        .library(name: "PGCatalog", targets: ["PGCatalog"]),
        .library(name: "PGDiff", targets: ["PGDiff"]),
        .library(name: "PGCheck", targets: ["PGCheck"]),
        .library(name: "PGLocal", targets: ["PGLocal"]),
        .executable(name: "pgcheck", targets: ["PGCheckCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Smoke files, expectations files and runbook files are YAML: the format ops engineers already review.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The system OpenSSL (Debian: libssl-dev). The only way to TLS and to SHA-256/HMAC/PBKDF2.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // The mechanisms every layer shares, each in one place: the failure taxonomy behind the exit
        // statuses, Duration conversions, atomic files.
        .target(name: "PGSupport"),
        // The pure-Swift PostgreSQL frontend/backend protocol client.
        .target(
            name: "PostgresWire",
            dependencies: [
                "COpenSSL",
                "PGSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // JSON exactly as Foundation writes and reads it, fast: the value tree, a canonical writer,
        // a strict parser and decoder.
        .target(name: "PGJSON"),
        // psql's output formats: the aligned table, display widths, cell formatting.
        .target(name: "PsqlFormat", dependencies: ["PostgresWire"]),
        // pg_catalog introspection: deterministic snapshots and `\d+`-style descriptions.
        .target(name: "PGCatalog", dependencies: ["PostgresWire", "PGSupport", "PGJSON", "PsqlFormat"]),
        // Snapshot A + snapshot B → an ordered list of changes → text, JSON and Markdown renderers.
        .target(name: "PGDiff", dependencies: ["PGCatalog", "PGJSON", "PostgresWire"]),
        // The validator: smoke queries and expectations, runbook, evidence, Drizzle migrations.
        .target(
            name: "PGCheck",
            dependencies: [
                "PostgresWire",
                "PGSupport",
                "PGJSON",
                "PGCatalog",
                "PGDiff",
                "PsqlFormat",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A throwaway local PostgreSQL cluster for tests, the demo and benchmarks.
        .target(name: "PGLocal", dependencies: ["PGSupport"]),
        // The command line (the product and the command are `pgcheck`; the folder and module have their own
        // name so that they never collide with PGCheck on a case-insensitive file system).
        .executableTarget(
            name: "PGCheckCLI",
            dependencies: [
                "PGSupport",
                "PostgresWire",
                "PGCatalog",
                "PGDiff",
                "PGCheck",
                "PGLocal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["BuildInfo"]
        ),
        // Writes the commit the build comes from into PGCheckCLI for `pgcheck --version` (see the plugin for why
        // a prebuild command).
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // What several test targets need, in one place: protocol bytes built by hand, the certificates of
        // the tests' own TLS peers (made by PGLocal, as a cluster's are), the Fixtures/ locator, the
        // connection-string fuzz oracle (Fuzz/build.sh compiles it into the fuzz target too).
        .target(name: "PGTestSupport", dependencies: ["PostgresWire", "PGLocal"], path: "Tests/PGTestSupport"),
        .testTarget(name: "PGSupportTests", dependencies: ["PGSupport"]),
        .testTarget(name: "PostgresWireTests", dependencies: ["PostgresWire", "PGTestSupport"]),
        .testTarget(name: "PsqlFormatTests", dependencies: ["PsqlFormat"]),
        .testTarget(name: "PGCatalogTests", dependencies: ["PGCatalog", "PGJSON", "PGTestSupport"]),
        .testTarget(name: "PGCheckTests", dependencies: ["PGCheck", "PGSupport", "PGTestSupport"]),
        .testTarget(name: "PGDiffTests", dependencies: ["PGDiff", "PGCatalog", "PGTestSupport"]),
        .testTarget(
            name: "PGCheckCLITests",
            dependencies: ["PGCheckCLI", "PGSupport", "PostgresWire", "PGCatalog", "PGDiff", "PGCheck", "PGLocal"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["PGSupport", "PostgresWire", "PGCatalog", "PGDiff", "PGCheck", "PGLocal", "PGTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
