// swift-tools-version:6.1
import PackageDescription

// As Hummingbird: every import is internal unless a declaration says otherwise, and a member is
// visible only where its module is imported, so no target leans on a module it does not declare.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "baton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baton", targets: ["baton"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Already in the graph through Hummingbird; named for the request-part types the
        // slow-client guard watches.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        // Already in the graph through Hummingbird and PostgresNIO; named for `ByteBuffer`, which
        // compress-nio's inflater reads and writes.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        // Already in the graph through Hummingbird; named for the `HTTPFields` the service builds.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Domain model and pure computation: records, validation, handoff derivation. No I/O.
        .target(
            name: "BatonCore",
            // Crypto only for computation (keyed hashes of anonymised exports), never for I/O.
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                // The repository protocols (`Storage/`) take a logger, as their implementations log.
                .product(name: "Logging", package: "swift-log"),
            ],
            // The report's bootstrap draws ~10^8 random indices; unoptimised it takes 15 s instead
            // of 0.3 s, which would make `swift run baton demo` (a debug build) unusable.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // A simulated SOC with a known ground truth (pure: scenario in, records and truth out).
        .target(
            name: "BatonSimulation",
            dependencies: ["BatonCore"],
            resources: [
                .copy("Resources/default-scenario.json"), .copy("Resources/low-severity-ai.json"),
                .copy("Resources/severity-paths.json"), .copy("Resources/shared-cases.json"),
                .copy("Resources/staggered-rollouts.json"),
                .copy("Resources/parallel-assistants.json"), .copy("Resources/hidden-selection.json"),
                .copy("Resources/interventions.json"),
                .copy("Resources/costs.json"),
            ],
            swiftSettings: swiftSettings
        ),
        // PostgreSQL: embedded cluster, migrations, the store.
        .target(
            name: "BatonStore",
            dependencies: [
                "BatonCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Its `ConnectionPoolError` reaches callers when the database stays unreachable: 503, not 500.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("../../SQL")],
            // Decoding the report's large arrays is generic PostgresNIO code specialised here.
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // The application layer between storage and its callers: the one report service (period
        // defaults, building, the data-fingerprint cache, the survey CSV) every rendering uses.
        .target(
            name: "BatonReports",
            dependencies: [
                "BatonCore", "BatonStore",
                .product(name: "Logging", package: "swift-log"),
                // The overview's background builds run as a service of the application.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Web pages and charts rendered on the server: escaped-by-construction HTML, inline SVG.
        // Pure: a report or a timeline in, HTML out.
        .target(
            name: "BatonWeb",
            dependencies: ["BatonCore"],
            swiftSettings: swiftSettings
        ),
        // HTTP service: routes, authentication, error mapping, `buildApplication`.
        .target(
            name: "BatonHTTP",
            dependencies: [
                "BatonCore",
                "BatonWeb",
                "BatonStore",
                "BatonReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SIGTERM handling with a hard deadline after the shutdown grace period.
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                // OTLP exporters send `Content-Encoding: gzip`; Foundation on Linux cannot inflate.
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // `Data(buffer:)` for request bodies.
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // `baton bench`: ingest against a raw COPY, report latency as the archive grows, export
        // time and memory. A library the `bench` subcommand delegates to.
        .target(
            name: "BatonBench",
            dependencies: [
                "BatonCore",
                "BatonStore",
                "BatonHTTP",
                "BatonSimulation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // The bench runs the HTTP app in a service group of its own, to stop it gracefully.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Command line: the `baton` subcommands.
        .target(
            name: "BatonCLI",
            dependencies: [
                "BatonCore",
                "BatonStore",
                "BatonReports",
                "BatonHTTP",
                "BatonWeb",
                "BatonSimulation",
                "BatonBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // Imports read gzip files chunk by chunk (`InputFile`).
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "baton",
            dependencies: ["BatonCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: throwaway PostgreSQL databases.
        .target(
            name: "BatonTestSupport",
            dependencies: [
                "BatonCore", "BatonStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/BatonTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonCoreTests",
            dependencies: ["BatonCore", "BatonSimulation", "BatonTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonStoreTests",
            dependencies: [
                // BatonSimulation: a simulated SOC to check the rollups against its rows.
                "BatonCore", "BatonStore", "BatonSimulation", "BatonTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonSimulationTests",
            dependencies: ["BatonCore", "BatonSimulation"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonCLITests",
            dependencies: [
                "BatonCLI", "BatonCore", "BatonStore", "BatonReports", "BatonSimulation", "BatonTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Gzip fixtures for the chunked reader.
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonReportsTests",
            dependencies: ["BatonCore", "BatonStore", "BatonReports", "BatonSimulation", "BatonTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonWebTests",
            dependencies: ["BatonCore", "BatonWeb", "BatonSimulation"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonHTTPTests",
            dependencies: [
                "BatonCore", "BatonStore", "BatonHTTP", "BatonWeb", "BatonTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
