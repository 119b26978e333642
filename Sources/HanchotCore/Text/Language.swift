/// The language of messages to people. Vietnamese is the users' language and the default.
public enum Language: String, CaseIterable, Sendable {
    case vi
    case en

    /// `vi`, `vi_VN.UTF-8`, `en_US` … → a language; anything else → `nil`.
    public init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("vi") { self = .vi } else if lower.hasPrefix("en") { self = .en } else { return nil }
    }
}
