/// Text for people's terminals.
///
/// Everything hanchot prints for a person may hold text from the log, and the log holds what
/// anyone in group `hanchot` wrote: a title with `ESC[2J` would clear an operator's screen, an
/// OSC sequence would retitle it, a CR or a newline would forge a line that looks real, and
/// U+202E would print text backwards. So every human line goes through ``visible(_:)``, which
/// shows each such character as an escape. JSON output stays exact: it has its own escapes.
public enum Terminal {
    /// `text` with every control character (C0, DEL, C1), bidirectional control and line or
    /// paragraph separator written as a visible escape (`\n`, `\r`, `\t`, `\x1B`, `\u202E`).
    /// Other text, Vietnamese letters included, is unchanged.
    ///
    /// - Complexity: O(n); text with nothing to escape is returned as it is.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// Whether `scalar` changes what a terminal shows rather than being shown.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (CSI is U+009B)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x200B, 0xFEFF: return true  // invisible: zero-width space, byte-order mark
        default: return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let v = scalar.value
            let hex = String(v, radix: 16, uppercase: true)
            return v <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                             : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
