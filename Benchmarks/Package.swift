// swift-tools-version: 6.0
import PackageDescription

// The benchmark suite for issue 7, kept apart from the main package so `swift test` there never runs a
// timed test. `run.sh` builds everything here in release mode (including the `pgcheck` CLI, a product of
// the parent package) and runs the comparison; see README.md.
let package = Package(
    name: "pgcheck-benchmarks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stream-rows", targets: ["StreamRows"]),
        .executable(name: "stream-rows-nio", targets: ["StreamRowsNIO"]),
        .executable(name: "stream-rows-async", targets: ["StreamRowsAsync"]),
        .executable(name: "pgcheck-bench", targets: ["BenchmarkRunner"]),
    ],
    dependencies: [
        .package(name: "pgcheck", path: ".."),
        // Contestants only (the Swift peer in the streaming race); pgcheck itself uses neither.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
    ],
    targets: [
        // Streams every row of a query through PostgresWire in binary format, touching every value.
        .executableTarget(
            name: "StreamRows",
            dependencies: [.product(name: "PostgresWire", package: "pgcheck")]
        ),
        // `for try await row in connection.rows(sql)` on the main actor and in a detached task, against the
        // blocking API: the async contestants.
        .executableTarget(
            name: "StreamRowsAsync",
            dependencies: [.product(name: "PostgresWire", package: "pgcheck")]
        ),
        // The same work through PostgresNIO: the Swift peer to beat.
        .executableTarget(
            name: "StreamRowsNIO",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresWire", package: "pgcheck"),
            ]
        ),
        // Starts a throwaway cluster, fills it, times every client side by side, writes RESULTS.md.
        .executableTarget(
            name: "BenchmarkRunner",
            dependencies: [.product(name: "PGLocal", package: "pgcheck")]
        ),
        // Micro-benchmarks (XCTest `measure`): DataRow indexing, value decoding, SCRAM, snapshot encoding.
        .testTarget(
            name: "MicroBenchmarks",
            dependencies: [
                .product(name: "PostgresWire", package: "pgcheck"),
                .product(name: "PGCatalog", package: "pgcheck"),
                .product(name: "PGDiff", package: "pgcheck"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
