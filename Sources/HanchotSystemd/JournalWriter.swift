import CSystemd
import Glibc
import HanchotCore

/// Why an entry did not reach the journal.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// Nothing listens on journald's socket: the entry was not stored.
    case unreachable(String)
    /// `sd_journal_sendv` failed; the value is the errno it returned.
    case sendFailed(Int32)
    /// journald drops lower-case, dashed or `_`-prefixed names silently; we refuse them loudly.
    case invalidFieldName(String)

    public var description: String {
        switch self {
        case .unreachable(let path): return "journald is not reachable at \(path)"
        case .sendFailed(let e): return "sd_journal_sendv failed: \(String(cString: strerror(e)))"
        case .invalidFieldName(let n): return "invalid journal field name \"\(n)\""
        }
    }
}

/// Writes structured entries to journald through libsystemd.
///
/// `sd_journal_sendv` returns 0 even when no journald runs (the entry is simply lost), so
/// reachability is checked first by connecting to the socket: a reminder is marked sent only
/// when the journal really took it.
public struct JournalWriter: Sendable {
    public static let defaultSocket = "/run/systemd/journal/socket"
    public var socketPath: String

    public init(socketPath: String = JournalWriter.defaultSocket) {
        self.socketPath = socketPath
    }

    /// Whether journald accepts datagrams on its socket now.
    public func isReachable() -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[path.count] = 0
        }
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return r == 0
    }

    /// Sends one entry. Values may hold newlines or any bytes: each field travels as its own
    /// `NAME=value` iovec, so a value can never forge another field.
    public func send(_ fields: [(name: String, value: String)]) throws(JournalError) {
        for f in fields where !JournalWriter.isValidFieldName(f.name) { throw .invalidFieldName(f.name) }
        guard isReachable() else { throw .unreachable(socketPath) }
        // All fields are copied into one buffer that outlives the call, and the iovecs point into
        // it (a pointer must not escape a `withUnsafeBytes` closure).
        let encoded: [[UInt8]] = fields.map { Array("\($0.name)=".utf8) + Array($0.value.utf8) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, encoded.reduce(0) { $0 + $1.count }), alignment: 1)
        defer { buffer.deallocate() }
        var iov: [iovec] = []
        iov.reserveCapacity(encoded.count)
        var offset = 0
        for bytes in encoded {
            let slot = UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + bytes.count)])
            slot.copyBytes(from: bytes)
            iov.append(iovec(iov_base: slot.baseAddress, iov_len: bytes.count))
            offset += bytes.count
        }
        let result = iov.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        guard result >= 0 else { throw .sendFailed(-result) }
    }

    /// Upper-case letters, digits and `_`, not starting with `_` or a digit, at most 64 bytes.
    public static func isValidFieldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 64,
              first != UInt8(ascii: "_"), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return name.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") }
    }
}

extension ReminderNotice {
    /// The journal entry of a reminder: people read MESSAGE, tools filter on the rest
    /// (`journalctl HANCHOT_UNIT="UBND xã"`, `-p warning`, `MESSAGE_ID=…`).
    public var journalFields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", message),
            ("MESSAGE_ID", kind.messageID),
            ("PRIORITY", String(priority.rawValue)),
            ("SYSLOG_IDENTIFIER", "hanchotd"),
            ("HANCHOT_KIND", kind.rawValue),
            ("HANCHOT_DIRECTIVE", key.directive),
            ("HANCHOT_NUMBER", number),
            ("HANCHOT_TASK", key.task),
            ("HANCHOT_UNIT", key.unit),
            ("HANCHOT_DUE", Timestamp.format(due)),
            ("HANCHOT_STEP", step),
            ("HANCHOT_PLANNED", Timestamp.format(plannedAt)),
            ("HANCHOT_DAYS_LEFT", String(daysLeft)),
        ]
        // Only on a catch-up that stands for earlier steps: `journalctl HANCHOT_MISSED=due`.
        for name in missedSteps { fields.append(("HANCHOT_MISSED", name)) }
        if let period { fields.append(("HANCHOT_PERIOD", period)) }
        return fields
    }
}
