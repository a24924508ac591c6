/// Holds the start of a packet that arrived split across `receive` calls, in one reusable allocation.
///
/// Complete packets are parsed straight from the caller's bytes; only a packet cut by a chunk boundary is copied
/// here, once, until its last byte arrives.
final class SFTPInputBuffer {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    deinit {
        storage?.deallocate()
    }

    /// The buffered bytes, valid until the next mutation.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    var isEmpty: Bool { count == 0 }

    /// Appends `bytes`, growing the buffer if needed.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(count + bytes.count)
        guard let storage else { return }
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Makes room for `total` bytes so a large packet is copied into its final place once, not re-grown.
    func reserve(_ total: Int) {
        guard total > capacity else { return }
        let newCapacity = max(total, capacity * 2, 4096)
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if let storage {
            newStorage.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
        }
        storage = newStorage
        capacity = newCapacity
    }

    /// Forgets the buffered bytes, keeping the capacity for the next split packet.
    func removeAll() {
        count = 0
    }

    /// Releases the memory, after the session closed.
    func release() {
        storage?.deallocate()
        storage = nil
        capacity = 0
        count = 0
    }
}
