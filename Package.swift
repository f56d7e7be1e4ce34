// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Feedwright",
    // macOS 15 for Synchronization's Mutex; Linux is where it is built and tested.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "feedwright", targets: ["feedwright"]),
        .library(name: "Markup", targets: ["Markup"]),
        .library(name: "Syndication", targets: ["Syndication"]),
        .library(name: "Extraction", targets: ["Extraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already built for postgres-nio's SCRAM; WebSub signatures need its HMACs.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // What every module shares: the version, stable hashing, the web-URL test, HTTP dates,
        // slugs, JSON lines, atomic files. Foundation only.
        .target(name: "FeedwrightCore"),
        // ICU's charset detector, for pages that declare no encoding and are not UTF-8. ICU
        // comes with libxml2-dev on Debian (libxml2 is built with it).
        .target(name: "CCharsetDetector", linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]),
        .target(name: "Markup", dependencies: ["CLibXML2", "CCharsetDetector"]),
        .target(name: "Syndication", dependencies: ["Markup", "FeedwrightCore"]),
        .target(name: "Extraction", dependencies: ["Markup", "Syndication", "FeedwrightCore"]),
        // SQLite (GRDB) is the embedded default; PostgreSQL (postgres-nio) is the store many workers share.
        .target(name: "Store", dependencies: [
            "Syndication", "FeedwrightCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "RobotsTxt"),
        .target(name: "Fetching", dependencies: [
            "RobotsTxt", "FeedwrightCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "Pipeline", dependencies: [
            "Markup", "Syndication", "Extraction", "Store", "Fetching", "FeedwrightCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "Server", dependencies: [
            "FeedwrightCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(
            name: "feedwright",
            dependencies: [
                "Markup", "Syndication", "Extraction", "Store", "Pipeline", "Fetching", "Server", "FeedwrightCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "feedwright-bench",
            dependencies: [
                // CLibXML2 directly only for the floor under every libxml2-based parser: its
                // tokenizer with SAX handlers that do nothing (see LibXML2Floor).
                "CLibXML2", "Markup", "Syndication", "Extraction", "Store", "Fetching", "Pipeline", "FeedwrightCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // libFuzzer entry point (scripts/fuzz builds it with -sanitize=fuzzer,address): only the
        // modules that read untrusted bytes without the network, so the instrumented build is small.
        .executableTarget(
            name: "feedwright-fuzz",
            dependencies: ["Markup", "Syndication", "Extraction", "RobotsTxt", "FeedwrightCore"]
        ),
        // What the tests share: a scripted HTTP server on loopback, and awaitable signals so that
        // no test waits by sleeping.
        .target(
            name: "FeedwrightTesting",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/FeedwrightTesting"
        ),
        .testTarget(
            name: "MarkupTests",
            dependencies: ["Markup"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "FetchingTests",
            dependencies: ["Fetching", "RobotsTxt", "FeedwrightTesting"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ExtractionTests",
            dependencies: ["Extraction", "Markup", "Syndication", "FeedwrightCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                // The crash-safety test runs the real executable; depending on it builds it first.
                "feedwright", "Pipeline", "Store", "Syndication", "Markup", "Fetching", "FeedwrightCore", "FeedwrightTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CommandTests",
            dependencies: [
                "feedwright", "Server", "Pipeline", "Store", "Markup", "Syndication", "Fetching", "FeedwrightTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "FeedwrightTesting", "FeedwrightCore",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "Syndication", "FeedwrightTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "SyndicationTests",
            dependencies: ["Syndication", "Markup", "FeedwrightCore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
