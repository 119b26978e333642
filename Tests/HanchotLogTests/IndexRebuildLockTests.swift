#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import HanchotCore
@testable import HanchotLog
import SystemPackage
import Testing

private func openIndex(_ store: FileEventStore) throws -> DirectiveIndex? {
    let log = try FileDescriptor.open(store.path, .readOnly)
    return try log.closeAfter { DirectiveIndex.open(store.indexPath, for: log, logSize: try log.stat().size) }
}

/// The inode of the index: a rebuild renames a new file over it, so a changed inode means "rebuilt".
private func indexInode(_ store: FileEventStore) -> UInt64? {
    (try? store.indexPath.stat()).map { UInt64(truncatingIfNeeded: $0.inode.rawValue) }
}

private func lockPath(_ store: FileEventStore) -> String { store.indexPath.string + ".lock" }

/// Takes the rebuild lock as another process would (`flock` on an open file description of its
/// own); closing the descriptor releases it.
private func holdRebuildLock(_ store: FileEventStore) throws -> FileDescriptor {
    let fd = try FileDescriptor.open(FilePath(lockPath(store)), .readOnly, options: [.create],
                                     permissions: [.ownerReadWrite])
    try #require(flock(fd.rawValue, LOCK_EX | LOCK_NB) == 0, "the test could not take the rebuild lock")
    return fd
}

private func permissionBits(_ path: String) -> UInt32? {
    (try? FilePath(path).stat()).map { UInt32($0.mode.rawValue) & 0o777 }
}

@Suite struct IndexRebuildLockTests {
    // MARK: one rebuilder at a time

    @Test func anAppendPastTheLagDoesNotRebuildWhileTheLockIsHeld() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 0)
        try store.add([issueEvent()])
        let before = fnv1a(readBytes(store.indexPath.string))  // a hash keeps failure messages short
        let inode = indexInode(store)
        #expect(try openIndex(store)?.coveredOffset == fileSize(store.path.string))

        let held = try holdRebuildLock(store)
        try store.add([completeEvent(id: "c1")])
        try store.add([completeEvent(unit: "HĐND", id: "c2")])
        // The index is exactly as it was: nobody rebuilt it behind the lock.
        #expect(indexInode(store) == inode)
        #expect(fnv1a(readBytes(store.indexPath.string)) == before)
        #expect(try #require(try openIndex(store)).coveredOffset < fileSize(store.path.string))
        // And the appends are right all the same: the tail past the index is read at each one.
        #expect(try replayAll(store).events.map(\.0.id) == ["issue-D1", "c1", "c2"])
        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
        #expect(outcomeText(append(store, [completeEvent(id: "c-again")])) == "refused[0]:already-completed")
        #expect(fnv1a(readBytes(store.indexPath.string)) == before)

        try held.close()
        try store.add([completeEvent(task: "2", id: "c3")])
        #expect(indexInode(store) != inode, "rebuilt once the lock was free")
        #expect(try openIndex(store)?.coveredOffset == fileSize(store.path.string))
    }

    @Test func withoutAnIndexAndTheLockHeldTheAppendFoldsTheWholeLog() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        for event in [issueEvent(), completeEvent(id: "c1"), issueEvent(makeDirective(id: "D2"))] {
            appendBytes(store.path.string, line(event))
        }
        let held = try holdRebuildLock(store)
        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
        #expect(outcomeText(append(store, [completeEvent(id: "c-again")])) == "refused[0]:already-completed")
        #expect(outcomeText(append(store, [issueEvent(makeDirective(id: "D2"), id: "new")])) == "refused[0]:duplicate-directive")
        #expect(outcomeText(append(store, [completeEvent(directive: "D2", id: "d2")])) == "applied")
        #expect(fileSize(store.indexPath.string) == -1, "no index is built while another process holds the lock")

        try held.close()
        #expect(outcomeText(append(store, [completeEvent(directive: "D2", unit: "HĐND", id: "d2")])) == "duplicate")
        let index = try #require(try openIndex(store), "built by the first append once the lock was free")
        #expect(index.directiveIDs() == ["D1", "D2"])
    }

    @Test func aRefreshAfterAnotherProcessCaughtUpDoesNotRebuildAgain() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(), completeEvent(id: "c1")])
        try store.rebuildIndex()
        let inode = indexInode(store)
        let log = try FileDescriptor.open(store.path, .readOnly)
        try log.closeAfter {
            // The writer saw a lag, but by the time it holds the lock the index covers the log.
            #expect(DirectiveIndex.refresh(store.indexPath, for: log, maxLag: 0, zone: .vietnam) == false)
            #expect(indexInode(store) == inode)

            appendBytes(store.path.string, line(completeEvent(unit: "HĐND", id: "c2")))
            let size = fileSize(store.path.string)
            #expect(DirectiveIndex.refresh(store.indexPath, for: log, maxLag: size, zone: .vietnam) == false,
                    "within the lag: left alone")
            #expect(indexInode(store) == inode)
            #expect(DirectiveIndex.refresh(store.indexPath, for: log, maxLag: 0, zone: .vietnam) == true)
            #expect(try openIndex(store)?.coveredOffset == size)

            let held = try holdRebuildLock(store)
            appendBytes(store.path.string, line(completeEvent(task: "2", id: "c3")))
            #expect(DirectiveIndex.refresh(store.indexPath, for: log, maxLag: 0, zone: .vietnam) == false, "busy: skipped")
            #expect(try openIndex(store)?.coveredOffset == size)
            try held.close()
        }
    }

    @Test func anExplicitRebuildWaitsForTheLock() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let held = try holdRebuildLock(store)
        let released = dir.file("released")
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) {
            appendText(released, "")
            try? held.close()
        }
        #expect(try store.rebuildIndex() == 2)
        #expect(fileSize(released) == 0, "rebuildIndex returned before the lock was released")
        #expect(try openIndex(store)?.coveredOffset == fileSize(store.path.string))
    }

    // MARK: a cache, nothing more

    @Test func appendsGiveTheSameAnswersWithAndWithoutTheIndexAndItsLock() throws {
        let dir = TempDir()
        let plain = dir.store("plain.jsonl")
        plain.indexThreshold = Int64.max
        let free = indexedStore(dir, "free.jsonl", lag: 0)
        let contended = indexedStore(dir, "contended.jsonl", lag: 0)
        let batches: [[Event]] = [
            [issueEvent(), issueEvent(makeDirective(id: "D2"))],
            [completeEvent(id: "c1")],
            [completeEvent(id: "c1")],                                   // duplicate id
            [completeEvent(id: "c-again")],                              // already completed
            [reopenEvent(id: "r1"), completeEvent(id: "c2", at: t0.adding(seconds: 8000))],
            [completeEvent(directive: "NOPE", id: "x")],                 // unknown directive
            [issueEvent(makeDirective(id: "D2"), id: "again")],          // duplicate directive
            [completeEvent(directive: "D2", unit: "HĐND", id: "d2"), completeEvent(directive: "D2", task: "2", id: "d3")],
            [revokeEvent(directive: "D2", id: "rv")],
            [completeEvent(directive: "D2", task: "1", unit: "UBND", id: "late")],
            [issueEvent(makeDirective(id: "D3")), completeEvent(directive: "D3", id: "e1")],
            [completeEvent(directive: "D3", id: "e1")],
        ]
        var held: FileDescriptor?
        for (n, batch) in batches.enumerated() {
            // The contended store finds the lock held by "another process" for stretches of batches.
            if n % 3 == 1, held == nil { held = try holdRebuildLock(contended) }
            if n % 3 == 0, let fd = held { try fd.close(); held = nil }
            let expected = outcomeText(append(plain, batch))
            #expect(outcomeText(append(free, batch)) == expected, "batch \(n)")
            #expect(outcomeText(append(contended, batch)) == expected, "batch \(n)")
        }
        try held?.close()
        let log = readBytes(plain.path.string)
        #expect(readBytes(free.path.string) == log)
        #expect(readBytes(contended.path.string) == log)
        #expect(try openIndex(free)?.coveredOffset == fileSize(free.path.string))
        #expect(try openIndex(contended) != nil)
    }

    @Test func theLockFileSitsBesideTheIndexWithItsPermissionsAndStays() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 0)
        try store.add([issueEvent()])
        try store.add([completeEvent(id: "c1")])
        #expect(dir.entries() == ["events.jsonl", "events.jsonl.idx", "events.jsonl.idx.lock"])
        #expect(fileSize(lockPath(store)) == 0)
        #expect(permissionBits(lockPath(store)) == permissionBits(store.indexPath.string))
    }

    @Test func anUnopenableLockFileSkipsTheRefreshButNeverTheAppend() throws {
        // A directory where the lock file should be: opening it fails as in a read-only directory
        // (which root, running the tests in CI, could still write to).
        let dir = TempDir()
        let store = indexedStore(dir, lag: 0)
        try store.add([issueEvent()])
        let inode = indexInode(store)
        #expect(unlink(lockPath(store)) == 0, "the first append took the lock to build the index")
        try #require(mkdir(lockPath(store), 0o755) == 0)
        defer { rmdir(lockPath(store)) }

        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "applied")
        #expect(indexInode(store) == inode, "no refresh without the lock")
        unlink(store.indexPath.string)
        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
        #expect(outcomeText(append(store, [completeEvent(id: "c-again")])) == "refused[0]:already-completed")
        #expect(fileSize(store.indexPath.string) == -1)
        // An explicit rebuild still works, unlocked.
        #expect(try store.rebuildIndex() == 2)
        #expect(try openIndex(store)?.coveredOffset == fileSize(store.path.string))
    }
}
