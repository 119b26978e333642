// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hanchot",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hanchot", targets: ["hanchot"]),
        .executable(name: "hanchotd", targets: ["hanchotd"]),
        .executable(name: "hanchot-bench", targets: ["HanchotBench"]),
        .library(name: "HanchotCore", targets: ["HanchotCore"]),
        .library(name: "HanchotLog", targets: ["HanchotLog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure core: events, the line codec, the fold, date input, reports. No I/O, no clock.
        .target(name: "HanchotCore", dependencies: ["CPrefetch", "CLineScan", .product(name: "HeapModule", package: "swift-collections")]),
        // A cache prefetch hint (C: Swift has none), for replay's fold.
        .target(name: "CPrefetch"),
        // One pass over a log line, 32 bytes a step: UTF-8 validity and where its quotes are
        // (C: Swift cannot reach the AVX2 byte shuffles it needs), for the line codec.
        .target(name: "CLineScan"),
        // The event store: durable append, streaming replay, the directive index cache, verify/repair.
        .target(
            name: "HanchotLog",
            dependencies: [
                "HanchotCore",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Configuration file (TOML) and the resolution order of settings.
        .target(
            name: "HanchotConfig",
            dependencies: ["HanchotCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // libsystemd (C): sd-journal and sd-daemon. apt: libsystemd-dev.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // journald sink and reader-free helpers, sd_notify, and a swift-log handler for journald.
        .target(
            name: "HanchotSystemd",
            dependencies: ["CSystemd", "HanchotCore", .product(name: "Logging", package: "swift-log")]
        ),
        // The daemon's imperative shell: timer, log follower, signals, wiring.
        .target(
            name: "HanchotDaemon",
            dependencies: [
                "HanchotCore", "HanchotLog", "HanchotSystemd", "HanchotConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "hanchotd",
            dependencies: [
                "HanchotDaemon", "HanchotConfig", "HanchotSystemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "hanchot",
            dependencies: [
                "HanchotCore", "HanchotLog", "HanchotConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "HanchotBench",
            dependencies: [
                "HanchotCore", "HanchotLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "HanchotCoreTests",
            dependencies: ["HanchotCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Calendar/Reference")]
        ),
        .testTarget(name: "HanchotLogTests", dependencies: ["HanchotCore", "HanchotLog"]),
        .testTarget(name: "HanchotConfigTests", dependencies: ["HanchotConfig"]),
        .testTarget(name: "EndToEndTests", dependencies: ["HanchotCore"]),
        .testTarget(name: "HanchotDaemonTests", dependencies: ["HanchotDaemon", "HanchotSystemd", "HanchotCore"]),
        .testTarget(name: "IntegrationTests", dependencies: ["HanchotCore"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
