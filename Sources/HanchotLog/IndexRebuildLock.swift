#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// Lets one process at a time rebuild a log's directive index: an exclusive `flock` on a side
/// file `<log>.idx.lock`.
///
/// A rebuild folds the whole log (seconds on a large one). Without this lock every concurrent
/// writer that sees the index lag behind rebuilds it at the same moment, and each of them stalls.
///
/// The lock is taken on a file of its own, not on the index (which a rebuild replaces by a rename,
/// so two processes could lock two different inodes) nor on the log (whose lock is the append lock,
/// held only for the short write). The lock file is never removed: a process that has just opened it
/// would otherwise lock an unlinked inode while another one creates and locks a new file.
/// The kernel drops the lock when the descriptor is closed, also when a process dies mid-rebuild.
enum IndexRebuildLock {
    static func path(forIndex index: FilePath) -> FilePath { FilePath(index.string + ".lock") }

    /// Runs `body` while holding the lock, or returns `nil` without running it when another
    /// process holds the lock or the lock file cannot be opened (read-only directory): the
    /// index is only a cache, so a caller then simply does without a rebuild.
    static func ifFree<T>(forIndex index: FilePath, _ body: () throws -> T) rethrows -> T? {
        guard let fd = open(forIndex: index) else { return nil }
        defer { try? fd.close() }
        guard tryLock(fd) else { return nil }
        return try body()
    }

    /// Runs `body` once the lock is free (for an explicit rebuild, which must not be skipped).
    /// When the lock file cannot be opened, `body` runs unlocked: the index is written through a
    /// rename, so concurrent rebuilds waste time but never leave a wrong index.
    static func waiting<T>(forIndex index: FilePath, _ body: () throws -> T) throws -> T {
        guard let fd = open(forIndex: index) else { return try body() }
        defer { try? fd.close() }
        try fd.lockExclusive()
        return try body()
    }

    /// Opens (creating it if needed) the lock file, with the permissions of the log it serves.
    /// Read-only is enough for `flock`, and lets another user who may read the index share the lock.
    private static func open(forIndex index: FilePath) -> FileDescriptor? {
        let lock = path(forIndex: index)
        let existed = (try? lock.stat()) != nil
        let mode = FileModes.beside(log: FileModes.log(ofIndex: index))
        guard let fd = try? FileDescriptor.open(lock, .readOnly, options: [.create, .closeOnExec], permissions: mode) else {
            return nil
        }
        if !existed { FileModes.set(mode, on: fd) }
        return fd
    }

    /// `flock(fd, LOCK_EX | LOCK_NB)`: whether the lock is now ours. Any failure other than
    /// "held by someone else" counts as not ours too: skipping a cache refresh is always safe.
    private static func tryLock(_ fd: FileDescriptor) -> Bool {
        while true {
            if flock(fd.rawValue, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }
}
