#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// The few calls swift-system does not wrap, each retried on EINTR like its own wrappers.
extension FileDescriptor {
    /// The corresponding C function is `flock(fd, LOCK_EX)`; blocks until the lock is ours.
    func lockExclusive() throws(Errno) {
        try retryingOnInterrupt { flock(rawValue, LOCK_EX) }
    }

    /// The corresponding C function is `flock(fd, LOCK_UN)`.
    func unlock() throws(Errno) {
        try retryingOnInterrupt { flock(rawValue, LOCK_UN) }
    }

    /// The corresponding C function is `fsync`: returns once the data is on stable storage.
    func sync() throws(Errno) {
        try retryingOnInterrupt { fsync(rawValue) }
    }
}

func retryingOnInterrupt(_ call: () -> Int32) throws(Errno) {
    while true {
        if call() == 0 { return }
        let e = Errno(rawValue: errno)
        if e != .interrupted { throw e }
    }
}

/// Makes a new directory entry durable (after creating or renaming a file in it).
func syncDirectory(of path: FilePath) {
    var dir = path
    dir.removeLastComponent()
    if dir.isEmpty { dir = "." }
    guard let fd = try? FileDescriptor.open(dir, .readOnly, options: [.directory, .closeOnExec]) else { return }
    _ = try? fd.closeAfter { try fd.sync() }
}
