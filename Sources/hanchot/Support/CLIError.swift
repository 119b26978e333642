import HanchotCore
import HanchotLog

/// An error for people: one sentence that names what is wrong; ArgumentParser prints it and
/// exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Settings {
    /// Turns a failed append into a sentence in the user's language.
    func explain(_ error: any Error) -> any Error {
        switch error {
        case AppendError.rejected(_, let problem):
            return CLIError(FoldProblemText.render(problem, language, zone: zone) + (vi ? "; sổ không thay đổi" : "; the log is unchanged"))
        case AppendError.unencodable(_, let e):
            return CLIError("\(e)")
        default:
            return CLIError("\(logPath): \(error)")
        }
    }
}
