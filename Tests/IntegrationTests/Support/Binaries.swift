import Foundation
import Testing

/// Where the real `hanchot` and `hanchotd` executables are: `HANCHOT_BIN_DIR`, else the directory
/// of the running test executable (`<scratch>/<triple>/debug/`), where `swift build` puts them.
enum Binaries {
    struct NotFound: Error, CustomStringConvertible {
        var name: String
        var looked: [String]
        var description: String {
            "the \(name) executable was not found (looked at: \(looked.joined(separator: ", "))); "
                + "run `swift build` with the same --scratch-path first, or set HANCHOT_BIN_DIR"
        }
    }

    static func hanchot() throws -> String { try locate("hanchot") }
    static func hanchotd() throws -> String { try locate("hanchotd") }

    private static func locate(_ name: String) throws -> String {
        var dirs: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["HANCHOT_BIN_DIR"], !explicit.isEmpty {
            dirs = [explicit]
        } else {
            let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var dir = exe.deletingLastPathComponent()
            // macOS layout: the executable sits inside an .xctest bundle.
            while dir.path.contains(".xctest"), dir.path != "/" { dir.deleteLastPathComponent() }
            dirs.append(dir.path)
            if let main = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path, main != dir.path {
                dirs.append(main)
            }
        }
        let candidates = dirs.map { URL(fileURLWithPath: $0).appendingPathComponent(name).path }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        let error = NotFound(name: name, looked: candidates)
        Issue.record("\(error)")
        throw error
    }
}
