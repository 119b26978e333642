import Foundation
import Glibc

/// A service manager's notification socket, as systemd provides it to a `Type=notify` service:
/// an AF_UNIX datagram socket bound to a path given to the child as `NOTIFY_SOCKET`.
final class NotifySocket: @unchecked Sendable {
    struct Message: CustomStringConvertible {
        var receivedAt: Double
        var text: String
        var lines: [String] { text.split(separator: "\n").map(String.init) }
        var description: String { text.replacingOccurrences(of: "\n", with: " | ") }
    }

    let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [Message] = []
    private var closed = false
    private var thread: Thread?

    init() throws {
        // sun_path holds at most 107 bytes: keep the path short.
        path = "/tmp/hn-\(UUID().uuidString.prefix(12)).sock"
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ChildProcess.SpawnError(description: "socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard r == 0 else {
            let message = "bind \(path): \(String(cString: strerror(errno)))"
            Glibc.close(fd)
            throw ChildProcess.SpawnError(description: message)
        }
        // Wake up regularly so that close() ends the reader.
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let t = Thread { [self] in self.readLoop() }
        t.start()
        thread = t
    }

    deinit { close() }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while !lock.withLock({ closed }) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { continue }
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            let message = Message(receivedAt: Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9,
                                  text: String(decoding: buffer[..<n], as: UTF8.self))
            lock.withLock { received.append(message) }
        }
        Glibc.close(fd)
    }

    /// Stops listening and removes the socket file (the reader closes its descriptor).
    func close() {
        let first = lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        if first { unlink(path) }
    }

    var messages: [Message] { lock.withLock { received } }

    /// Waits until a message after index `after` satisfies `match`; returns its index and itself.
    func wait(after: Int = -1, timeout: Double, _ match: (Message) -> Bool) -> (index: Int, message: Message)? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let all = messages
            if let i = all.indices.first(where: { $0 > after && match(all[$0]) }) { return (i, all[i]) }
            if Date() >= deadline { return nil }
            usleep(2_000)
        }
    }

    /// Waits for a message holding the line `line` exactly (e.g. `READY=1`).
    func wait(for line: String, after: Int = -1, timeout: Double) -> (index: Int, message: Message)? {
        wait(after: after, timeout: timeout) { $0.lines.contains(line) }
    }
}
