import Foundation

/// Where the real `hanchot` executable is: `HANCHOT_BIN`, else next to the test bundle
/// (`<scratch>/<triple>/debug/hanchot`), which is where `swift build` puts it.
enum Binary {
    static let hanchot: Result<URL, BinaryNotFound> = locate()

    struct BinaryNotFound: Error, CustomStringConvertible {
        var looked: [String]
        var description: String {
            "the hanchot executable was not found (looked at: \(looked.joined(separator: ", "))); "
                + "run `swift build` with the same --scratch-path first, or set HANCHOT_BIN"
        }
    }

    private static func locate() -> Result<URL, BinaryNotFound> {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["HANCHOT_BIN"], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit) ? .success(URL(fileURLWithPath: explicit))
                                                         : .failure(BinaryNotFound(looked: ["HANCHOT_BIN=\(explicit)"]))
        }
        var dirs: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        dirs.append(argv0.deletingLastPathComponent())
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() { dirs.append(exe.deletingLastPathComponent()) }
        dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
        // An .xctest bundle directory (macOS layout): its parent holds the products.
        for dir in dirs where dir.path.contains(".xctest") {
            var d = dir
            while d.path.contains(".xctest"), d.path != "/" { d.deleteLastPathComponent() }
            dirs.append(d)
        }
        var looked: [String] = []
        for dir in dirs {
            let candidate = dir.appendingPathComponent("hanchot")
            looked.append(candidate.path)
            if fm.isExecutableFile(atPath: candidate.path) { return .success(candidate) }
        }
        return .failure(BinaryNotFound(looked: looked))
    }

    /// The binary's path; the error (which fails the test) says where it was looked for.
    static func path() throws -> URL {
        try hanchot.get()
    }
}
