import CSystemd
import Dispatch
import Glibc

/// Calls back when the log file changes: written, replaced (renamed over), created or deleted.
///
/// Watches the log's directory with inotify rather than the file itself, so a log replaced by a
/// rename is still followed. The inotify fd is read by a Dispatch read source on the daemon's
/// serial queue.
final class LogFollower: @unchecked Sendable {
    private let fd: Int32
    private let source: any DispatchSourceRead
    private let fileName: String

    /// - Parameter onChange: runs on `queue` after each batch of changes to the log.
    init(path: String, queue: DispatchQueue, onChange: @escaping @Sendable () -> Void) throws {
        var dir = path
        var name = path
        if let slash = path.lastIndex(of: "/") {
            dir = String(path[..<slash])
            name = String(path[path.index(after: slash)...])
            if dir.isEmpty { dir = "/" }
        } else {
            dir = "."
        }
        fileName = name
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw FollowError(message: "inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(fd, dir, mask) >= 0 else {
            let message = "inotify_add_watch \(dir): \(String(cString: strerror(errno)))"
            close(fd)
            throw FollowError(message: message)
        }
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        let fd = self.fd
        let watched = self.fileName
        source.setEventHandler {
            if LogFollower.drain(fd, lookingFor: watched) { onChange() }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    func cancel() { source.cancel() }

    deinit { source.cancel() }

    /// Reads every pending inotify event; whether any concerned the log file.
    private static func drain(_ fd: Int32, lookingFor name: String) -> Bool {
        var touched = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    if event.len > 0 {
                        let bytes = raw[nameStart..<(nameStart + Int(event.len))].prefix { $0 != 0 }
                        if String(decoding: bytes, as: UTF8.self) == name { touched = true }
                    } else if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_Q_OVERFLOW) != 0 {
                        touched = true
                    }
                    offset = nameStart + Int(event.len)
                }
            }
        }
        return touched
    }
}

struct FollowError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
