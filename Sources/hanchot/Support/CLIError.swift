import HanchotCore
import HanchotLog

/// An error for people: one sentence that names what is wrong; ArgumentParser prints it and
/// exits non-zero. Control and bidi characters in it (from the log or the input) are made
/// visible, as everything printed for people is.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = Terminal.visible(description) }
}

extension Settings {
    /// Turns a failed append into a sentence in the user's language.
    func explain(_ error: any Error) -> any Error {
        switch error {
        case AppendError.rejected(_, let problem):
            return CLIError(FoldProblemText.render(problem, language, zone: zone) + (vi ? "; sổ không thay đổi" : "; the log is unchanged"))
        case AppendError.unencodable(_, let e):
            return CLIError("\(e)")
        case AppendError.partialWrite(let write, let cleanup):
            return CLIError(vi ? "\(logPath): ghi thất bại (\(write)) và không cắt được phần ghi dở (\(cleanup)); chạy `hanchot verify --repair`"
                               : "\(logPath): the write failed (\(write)) and its partial line could not be cut back (\(cleanup)); run `hanchot verify --repair`")
        case AppendError.notDurable(let e):
            return CLIError(vi ? "\(logPath): đã ghi nhưng không đẩy được xuống đĩa (\(e)); có thể chưa được lưu, chạy lại lệnh là an toàn"
                               : "\(logPath): written but not flushed to disk (\(e)); it may not be kept, and running the command again is safe")
        default:
            return CLIError("\(logPath): \(error)" + (vi ? "; sổ không thay đổi" : "; the log is unchanged"))
        }
    }
}
