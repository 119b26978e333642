import Foundation
import HanchotCore

/// Prints one line for people on standard output, control and bidi characters made visible
/// (``Terminal/visible(_:)``): text from the log can never drive the terminal or forge a line.
/// JSON goes out through `print` as it is.
func say(_ line: String) {
    print(Terminal.visible(line))
}

/// ``say(_:)`` on standard error.
func sayError(_ line: String) {
    FileHandle.standardError.write(Data((Terminal.visible(line) + "\n").utf8))
}
