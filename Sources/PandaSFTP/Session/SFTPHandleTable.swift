/// A file the client has open, with what is counted for the audit log.
final class SFTPOpenFile {
    let handle: any SFTPFileHandle
    let path: VirtualPath
    let flags: SFTPOpenFlags
    var bytesRead: UInt64 = 0
    var bytesWritten: UInt64 = 0

    init(handle: any SFTPFileHandle, path: VirtualPath, flags: SFTPOpenFlags) {
        self.handle = handle
        self.path = path
        self.flags = flags
    }

    func transfer(_ outcome: SFTPFileTransfer.Outcome) -> SFTPFileTransfer {
        SFTPFileTransfer(path: path, flags: flags, bytesRead: bytesRead, bytesWritten: bytesWritten, outcome: outcome)
    }
}

/// A directory the client is listing: the entries read at `OPENDIR`, and how many were sent.
final class SFTPOpenDirectory {
    let path: VirtualPath
    let entries: [SFTPDirectoryEntry]
    var position = 0

    init(path: VirtualPath, entries: [SFTPDirectoryEntry]) {
        self.path = path
        self.entries = entries
    }
}

/// What a handle refers to.
enum SFTPOpenItem {
    case file(SFTPOpenFile)
    case directory(SFTPOpenDirectory)
}

/// The session's open handles: slots reused through a free list, each with a generation counter.
struct SFTPHandleTable {
    private struct Slot {
        var generation: UInt32
        var item: SFTPOpenItem?
    }

    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    /// Handles currently open.
    private(set) var count = 0
    /// Most handles open at once.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    var isFull: Bool { count >= limit }

    /// Stores `item` and returns its new handle. The caller checks `isFull` first, before opening anything.
    mutating func insert(_ item: SFTPOpenItem) -> SFTPHandleID {
        count += 1
        if let index = freeSlots.popLast() {
            slots[index].generation &+= 1
            slots[index].item = item
            return SFTPHandleID(slot: UInt32(index), generation: slots[index].generation)
        }
        slots.append(Slot(generation: 1, item: item))
        return SFTPHandleID(slot: UInt32(slots.count - 1), generation: 1)
    }

    /// The item behind `id`, if `id` is open.
    func item(_ id: SFTPHandleID) -> SFTPOpenItem? {
        let index = Int(id.slot)
        guard index < slots.count, slots[index].generation == id.generation else { return nil }
        return slots[index].item
    }

    /// The open file behind `id`, or `invalidHandle`.
    func file(_ id: SFTPHandleID) throws(SFTPRequestFailure) -> SFTPOpenFile {
        guard case .file(let file) = item(id) else { throw .invalidHandle }
        return file
    }

    /// The open directory behind `id`, or `invalidHandle`.
    func directory(_ id: SFTPHandleID) throws(SFTPRequestFailure) -> SFTPOpenDirectory {
        guard case .directory(let directory) = item(id) else { throw .invalidHandle }
        return directory
    }

    /// Forgets `id` and returns what it referred to.
    mutating func remove(_ id: SFTPHandleID) -> SFTPOpenItem? {
        guard let item = item(id) else { return nil }
        let index = Int(id.slot)
        slots[index].item = nil
        freeSlots.append(index)
        count -= 1
        return item
    }

    /// Forgets every handle and returns what they referred to, in slot order.
    mutating func removeAll() -> [SFTPOpenItem] {
        let items = slots.compactMap(\.item)
        slots.removeAll()
        freeSlots.removeAll()
        count = 0
        return items
    }
}
