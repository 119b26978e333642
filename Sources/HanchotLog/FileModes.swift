#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// The permissions of the files hanchot creates, whatever the creator's umask.
///
/// The shared log is group-writable (0660, as the tmpfiles entry makes it) so that the daemon
/// and every operator in group `hanchot` can append. An operator's shell usually has umask 022:
/// `open(…, 0660)` alone would create a 0640 log that locks the others out. So a created file's
/// mode is set with `fchmod`, which the umask does not touch.
enum FileModes {
    /// A new log: read and write for owner and group (0660).
    static let newLog: FilePermissions = [.ownerReadWrite, .groupReadWrite]

    /// The mode for a file beside `log` (index, lock, torn-tail side file): the log's own read and
    /// write bits, so a shared log's side files are shared as it is and a private log's stay
    /// private; 0660 when the log cannot be examined.
    static func beside(log: FilePath) -> FilePermissions {
        guard let st = try? log.stat() else { return newLog }
        return FilePermissions(rawValue: st.permissions.rawValue & 0o666)
    }

    /// The log a side file (`<log>.idx`, `<log>.idx.lock`) belongs to.
    static func log(ofIndex index: FilePath) -> FilePath {
        let s = index.string
        return s.hasSuffix(".idx") ? FilePath(String(s.dropLast(4))) : index
    }

    /// Gives a file hanchot just created its mode. A failure is ignored: the file works for its
    /// creator, and a file someone else created keeps the mode they gave it.
    static func set(_ permissions: FilePermissions, on fd: FileDescriptor) {
        _ = fchmod(fd.rawValue, mode_t(permissions.rawValue))
    }
}
