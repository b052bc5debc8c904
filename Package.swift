// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "pgcheck",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PostgresWire", targets: ["PostgresWire"]),
        .library(name: "PGCatalog", targets: ["PGCatalog"]),
        .library(name: "PGDiff", targets: ["PGDiff"]),
        .library(name: "PGCheck", targets: ["PGCheck"]),
        .library(name: "PGLocal", targets: ["PGLocal"]),
        .executable(name: "pgcheck", targets: ["pgcheck"]),
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
        // The pure-Swift PostgreSQL frontend/backend protocol client.
        .target(
            name: "PostgresWire",
            dependencies: [
                "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // pg_catalog introspection: deterministic snapshots and `\d+`-style descriptions.
        .target(name: "PGCatalog", dependencies: ["PostgresWire"]),
        // Snapshot A + snapshot B → an ordered list of changes → text, JSON and Markdown renderers.
        .target(name: "PGDiff", dependencies: ["PGCatalog", "PostgresWire"]),
        // The validator: smoke queries and expectations, runbook, evidence, Drizzle migrations.
        .target(name: "PGCheck", dependencies: ["PostgresWire", "PGCatalog", "PGDiff", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log")]),
        // A throwaway local PostgreSQL cluster for tests, the demo and benchmarks.
        .target(name: "PGLocal"),
        .executableTarget(
            name: "pgcheck",
            dependencies: [
                "PostgresWire",
                "PGCatalog",
                "PGDiff",
                "PGCheck",
                "PGLocal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PostgresWireTests", dependencies: ["PostgresWire"]),
        .testTarget(name: "PGCatalogTests", dependencies: ["PGCatalog"]),
        .testTarget(name: "PGCheckTests", dependencies: ["PGCheck"]),
        .testTarget(name: "PGDiffTests", dependencies: ["PGDiff", "PGCatalog"]),
        .testTarget(name: "IntegrationTests", dependencies: ["PostgresWire", "PGCatalog", "PGDiff", "PGCheck", "PGLocal"]),
    ],
    swiftLanguageModes: [.v6]
)
