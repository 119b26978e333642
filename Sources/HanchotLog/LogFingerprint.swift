import SystemPackage

/// What a follower has read of a log, so that a log overwritten in place is noticed.
///
/// A rename or a truncation shows in the file's identity or size; `cat other.jsonl > log` does
/// not: same inode, and once the new bytes are longer than the follower's offset, the size looks
/// like an append. The bytes do not: the first bytes of the file and the bytes just before the
/// offset are kept, and a follower checks them before it reads on. A rewrite that keeps both
/// (4 KiB at each end of what was read) is not caught; a checkpoint keeps a hash of everything.
public struct LogFingerprint: Hashable, Sendable {
    /// How many bytes are kept at each end.
    public static let span = 4096

    /// The offset the fingerprint is taken at (the follower's cursor).
    public var offset: Int64
    var head: [UInt8]
    var tail: [UInt8]

    /// The bytes of the file at `fd` before `offset`: the first ones and the last ones.
    static func read(_ fd: FileDescriptor, upTo offset: Int64) throws -> LogFingerprint {
        let headCount = Int(min(Int64(span), offset))
        let tailStart = max(Int64(headCount), offset - Int64(span))
        return LogFingerprint(offset: offset, head: try bytes(fd, at: 0, count: headCount),
                              tail: try bytes(fd, at: tailStart, count: Int(offset - tailStart)))
    }

    private static func bytes(_ fd: FileDescriptor, at offset: Int64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = try out.withUnsafeMutableBytes {
                try fd.read(fromAbsoluteOffset: offset + Int64(got), into: UnsafeMutableRawBufferPointer(rebasing: $0[got...]))
            }
            if n == 0 { break }  // shorter than it was: the fingerprint will not match
            got += n
        }
        return Array(out[..<got])
    }
}

extension FileEventStore {
    /// The fingerprint of the log up to `offset`; `nil` when there is no log.
    public func fingerprint(upTo offset: Int64) throws -> LogFingerprint? {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch Errno.noSuchFileOrDirectory {
            return nil
        }
        return try fd.closeAfter { try LogFingerprint.read(fd, upTo: offset) }
    }

    /// Whether the log still holds, before `fingerprint.offset`, the bytes it held when the
    /// fingerprint was taken. `false` when it is shorter, missing or different.
    public func stillHolds(_ fingerprint: LogFingerprint) -> Bool {
        (try? self.fingerprint(upTo: fingerprint.offset)) == fingerprint
    }
}
