import Foundation

/// The keys registered since the last spill of a `SpillingKeyIndex`, in a fixed number of bytes: an
/// open-addressing table of the distinct keys over an arena of their bytes, and every registration (repeats
/// too) as an entry, so that the window can be written out as a run of the file's keys.
///
/// Per key 24 bytes plus the key and a length byte; a registration that repeats a key costs 16. A slot holds
/// the entry number and, in its spare high bits, part of the key's hash, so a probe rarely reads an entry
/// that is not the key's. The table has its full size from the start: growing it would cost a rehash.
final class KeyWindow {
    /// A registration: the key's hash, where its bytes are in the arena, its line.
    struct Entry {
        var hash: UInt64
        var keyStart: UInt32
        var line: UInt32
    }

    /// Registrations the window holds at most.
    let entryCapacity: Int
    private let arenaCapacity: Int
    private let entries: UnsafeMutablePointer<Entry>
    private let arena: UnsafeMutablePointer<UInt8>
    /// 0 = empty, else a hash tag in the bits above `entryMask` and the entry number + 1 of a key's first
    /// registration; twice `entryCapacity` of them.
    private let slots: UnsafeMutablePointer<UInt32>
    private let slotMask: Int
    private let entryMask: UInt32
    private var arenaCount = 0
    private(set) var count = 0

    /// A window within about `budget` bytes: at most three quarters for entries and slots (24 bytes per
    /// registration, a power of two of them), the rest for key bytes. 40 MiB holds a million registrations
    /// and 16 MiB of keys.
    init(budget: Int) {
        let perEntry = MemoryLayout<Entry>.stride + 2 * MemoryLayout<UInt32>.stride
        var capacity = 4
        while capacity * 2 * perEntry <= budget * 3 / 4 { capacity *= 2 }
        entryCapacity = capacity
        arenaCapacity = max(1024, budget - capacity * perEntry)
        entries = .allocate(capacity: capacity)
        arena = .allocate(capacity: arenaCapacity)
        let slotCount = capacity * 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        // Entry numbers + 1 go up to `capacity`, a power of two: the bits above hold the tag.
        entryMask = UInt32(truncatingIfNeeded: capacity * 2 - 1)
    }

    deinit {
        entries.deallocate()
        arena.deallocate()
        slots.deallocate()
    }

    /// Whether a key of `length` bytes can still be registered.
    func hasRoom(forKeyOf length: Int) -> Bool {
        count < entryCapacity && arenaCount + Self.prefixSize(length) + length <= arenaCapacity
    }

    /// Registers `key` (with its `hash`) at `line`: the line of its first registration in the window, or nil
    /// when it is new here. Needs `hasRoom(forKeyOf:)`.
    func register(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, line: UInt32) -> UInt32? {
        let slots = self.slots
        let mask = slotMask
        let entryMask = self.entryMask
        let tag = UInt32(truncatingIfNeeded: hash >> 32) & ~entryMask
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let value = slots[slot]
            if value & ~entryMask == tag {
                let first = entries[Int(value & entryMask) - 1]
                if first.hash == hash && keyEquals(first.keyStart, key) {
                    entries[count] = Entry(hash: hash, keyStart: first.keyStart, line: line)
                    count += 1
                    return first.line
                }
            }
            slot = (slot + 1) & mask
        }
        let start = arenaCount
        arenaCount = Self.store(key, in: arena, at: start)
        entries[count] = Entry(hash: hash, keyStart: UInt32(start), line: line)
        count += 1
        slots[slot] = tag | UInt32(count)
        return nil
    }

    /// The key bytes an entry refers to (valid until `removeAll`).
    func key(at start: UInt32) -> UnsafeBufferPointer<UInt8> {
        let (length, offset) = Self.length(in: arena, at: Int(start))
        return UnsafeBufferPointer(start: arena + offset, count: length)
    }

    /// The registrations sorted by hash, then line: the order of a run.
    func sortedEntries() -> UnsafeMutableBufferPointer<Entry> {
        var buffer = UnsafeMutableBufferPointer(start: entries, count: count)
        buffer.sort(by: Self.runOrder)
        return buffer
    }

    private static func runOrder(_ a: Entry, _ b: Entry) -> Bool {
        if a.hash != b.hash { return a.hash < b.hash }
        return a.line < b.line
    }

    /// Empties the window, keeping its memory.
    func removeAll() {
        slots.update(repeating: 0, count: slotMask + 1)
        count = 0
        arenaCount = 0
    }

    private func keyEquals(_ start: UInt32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let (length, offset) = Self.length(in: arena, at: Int(start))
        guard length == key.count else { return false }
        guard length > 0 else { return true }
        return memcmp(arena + offset, key.baseAddress!, length) == 0
    }

    // MARK: - Key bytes in the arena: a length byte (0xFF then 4 bytes for 255 or more), then the bytes

    static func prefixSize(_ length: Int) -> Int { length < 255 ? 1 : 5 }

    private static func store(_ key: UnsafeBufferPointer<UInt8>, in arena: UnsafeMutablePointer<UInt8>, at start: Int)
        -> Int
    {
        var position = start
        if key.count < 255 {
            arena[position] = UInt8(key.count)
            position += 1
        } else {
            arena[position] = 0xFF
            UnsafeMutableRawPointer(arena + position + 1).storeBytes(of: UInt32(key.count), as: UInt32.self)
            position += 5
        }
        if let base = key.baseAddress, key.count > 0 { (arena + position).update(from: base, count: key.count) }
        return position + key.count
    }

    private static func length(in arena: UnsafeMutablePointer<UInt8>, at start: Int) -> (length: Int, offset: Int) {
        let first = arena[start]
        if first < 255 { return (Int(first), start + 1) }
        return (Int(UnsafeRawPointer(arena + start + 1).loadUnaligned(as: UInt32.self)), start + 5)
    }
}
