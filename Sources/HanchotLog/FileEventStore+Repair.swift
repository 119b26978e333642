#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import SystemPackage

extension FileEventStore {
    /// What `repairTornTail` moved aside.
    public struct TailRepair: Sendable {
        public var sideFile: String
        public var offset: Int64
        public var bytes: Int
    }

    /// Moves an incomplete last line out of the log into a side file (`<log>.torn-<offset>`),
    /// never deleting it. Runs under the append lock, where an unterminated tail cannot be a
    /// write in progress. Returns `nil` when the log ends cleanly.
    public func repairTornTail() throws -> TailRepair? {
        let fd = try FileDescriptor.open(path, .readWrite, options: [.closeOnExec])
        return try fd.closeAfter {
            try fd.lockExclusive()
            defer { try? fd.unlock() }
            let size = try fd.stat().size
            var tornAt: Int64?
            try LineReader(fd: fd).forEachLine(from: 0, to: size, firstLine: 1) { item in
                if case .unterminated(let location) = item { tornAt = location.offset }
            }
            guard let offset = tornAt else { return nil }
            let count = Int(size - offset)
            var tail = [UInt8](repeating: 0, count: count)
            _ = try tail.withUnsafeMutableBytes { try fd.read(fromAbsoluteOffset: offset, into: $0) }
            let side = FilePath(path.string + ".torn-\(offset)")
            let mode = FileModes.beside(log: path)
            let out = try FileDescriptor.open(side, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                                              permissions: mode)
            FileModes.set(mode, on: out)
            try out.closeAfter {
                _ = try out.writeAll(tail)
                try out.sync()
            }
            syncDirectory(of: side)
            // Only once the bytes are safe elsewhere does the log lose them.
            try retryingOnInterrupt { ftruncate(fd.rawValue, off_t(offset)) }
            try fd.sync()
            return TailRepair(sideFile: side.string, offset: offset, bytes: count)
        }
    }
}
