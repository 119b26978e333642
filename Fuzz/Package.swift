// swift-tools-version:6.0
// libFuzzer targets for hanchot's parsers (docs/fuzzing.md). A package of its own, so that the
// main package's manifest and builds are untouched: it depends on the main package by path and
// links its `HanchotCore` library product. Build and run through `make fuzz` (Fuzz/fuzz.sh).
import PackageDescription

let package = Package(
    name: "hanchot-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hanchot", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver, which each fuzzer's `main` calls.
        .target(name: "CFuzzerDriver"),
        // The event-line decoder, its fast path (the view) held to it, and encode/decode round trips.
        .executableTarget(name: "FuzzEventLine", dependencies: ["CFuzzerDriver", .product(name: "HanchotCore", package: "hanchot")]),
        // The deadline grammar (DeadlineGrammar.read) and command-line dates (DateInput.parse).
        .executableTarget(name: "FuzzDeadline", dependencies: ["CFuzzerDriver", .product(name: "HanchotCore", package: "hanchot")]),
    ]
)
