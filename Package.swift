// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hanchot",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hanchot", targets: ["hanchot"]),
        .executable(name: "hanchot-bench", targets: ["HanchotBench"]),
        .library(name: "HanchotCore", targets: ["HanchotCore"]),
        .library(name: "HanchotLog", targets: ["HanchotLog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Pure core: events, the line codec, the fold, date input, reports. No I/O, no clock.
        .target(name: "HanchotCore"),
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
        .testTarget(name: "HanchotCoreTests", dependencies: ["HanchotCore"]),
        .testTarget(name: "HanchotLogTests", dependencies: ["HanchotCore", "HanchotLog"]),
        .testTarget(name: "HanchotConfigTests", dependencies: ["HanchotConfig"]),
        .testTarget(name: "EndToEndTests", dependencies: ["HanchotCore"]),
    ]
)

for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
