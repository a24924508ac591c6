import Foundation
import PandaCore

/// The keys registered since the last spill of a `SpillingKeyIndex`, in a fixed number of bytes: every
/// registration (repeats too) as an entry over an arena of key bytes, so that the window can be written out
/// as a run of the file's keys, and, once keys stop arriving in ascending order, an open-addressing table of
/// the distinct keys to find repeats within the window.
///
/// While keys ascend (a file sorted by key) no key can repeat an earlier one, so the table is not needed:
/// a registration is an append, and the run needs no sorting. Per registration 16 bytes plus the key and a
/// length byte, and 8 more for the table once it is in use. A slot holds the entry number and, in its spare
/// high bits, part of the key's hash, so a probe rarely reads an entry that is not the key's.
final class KeyWindow {
    /// A registration: the key's first 8 bytes (big-endian, zero-padded: ordered as the keys are), where its
    /// bytes are in the arena, its line.
    struct Entry {
        var prefix: UInt64
        var keyStart: UInt32
        var line: UInt32
    }

    /// Registrations the window holds at most.
    let entryCapacity: Int
    private let arenaCapacity: Int
    private let entries: UnsafeMutablePointer<Entry>
    private let arena: UnsafeMutablePointer<UInt8>
    private let hash: (UnsafeBufferPointer<UInt8>) -> UInt64
    /// 0 = empty, else a hash tag in the bits above `entryMask` and the entry number + 1 of a key's first
    /// registration; twice `entryCapacity` of them, made when first needed.
    private var slots: UnsafeMutablePointer<UInt32>?
    private let slotMask: Int
    private let entryMask: UInt32
    private var arenaCount = 0
    private(set) var count = 0

    /// A window within about `budget` bytes: at most three quarters for entries and slots (24 bytes per
    /// registration, a power of two of them), the rest for key bytes. 40 MiB holds a million registrations
    /// and 16 MiB of keys. `hash` places keys in the table.
    init(budget: Int, hash: @escaping (UnsafeBufferPointer<UInt8>) -> UInt64) {
        let perEntry = MemoryLayout<Entry>.stride + 2 * MemoryLayout<UInt32>.stride
        var capacity = 4
        while capacity * 2 * perEntry <= budget * 3 / 4 { capacity *= 2 }
        entryCapacity = capacity
        arenaCapacity = max(1024, budget - capacity * perEntry)
        entries = .allocate(capacity: capacity)
        arena = .allocate(capacity: arenaCapacity)
        self.hash = hash
        slotMask = capacity * 2 - 1
        // Entry numbers + 1 go up to `capacity`, a power of two: the bits above hold the tag.
        entryMask = UInt32(truncatingIfNeeded: capacity * 2 - 1)
    }

    deinit {
        entries.deallocate()
        arena.deallocate()
        slots?.deallocate()
    }

    /// Whether repeats are looked for (keys stopped ascending).
    var usesTable: Bool { slots != nil }

    /// Whether a key of `length` bytes can still be registered.
    func hasRoom(forKeyOf length: Int) -> Bool {
        count < entryCapacity && arenaCount + Self.prefixSize(length) + length <= arenaCapacity
    }

    /// The key of the last registration, if any.
    var lastKey: UnsafeBufferPointer<UInt8>? { count > 0 ? key(at: entries[count - 1].keyStart) : nil }

    /// Registers a key greater than every key before it (no table: it cannot be a repeat). Needs
    /// `hasRoom(forKeyOf:)` and no table in use.
    func append(_ key: UnsafeBufferPointer<UInt8>, line: UInt32) {
        let start = arenaCount
        arenaCount = Self.store(key, in: arena, at: start)
        entries[count] = Entry(prefix: Self.prefix(of: key), keyStart: UInt32(start), line: line)
        count += 1
    }

    /// From now on repeats are looked for: the table is made and holds the keys appended so far (distinct,
    /// since they ascended).
    func startTable() {
        guard slots == nil else { return }
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: slotMask + 1)
        table.initialize(repeating: 0, count: slotMask + 1)
        slots = table
        for number in 0..<count {
            let key = key(at: entries[number].keyStart)
            var slot = slot(for: key).slot
            while table[slot] != 0 { slot = (slot + 1) & slotMask }
            table[slot] = tag(of: hash(key)) | UInt32(number + 1)
        }
    }

    /// Registers `key` at `line`: the line of its first registration in the window, or nil when it is new
    /// here. Needs `hasRoom(forKeyOf:)` and the table (`startTable`).
    func register(_ key: UnsafeBufferPointer<UInt8>, line: UInt32) -> UInt32? {
        guard let slots else { preconditionFailure("register needs the table") }
        let prefix = Self.prefix(of: key)
        var (slot, tag) = slot(for: key)
        while slots[slot] != 0 {
            let value = slots[slot]
            if value & ~entryMask == tag {
                let first = entries[Int(value & entryMask) - 1]
                if first.prefix == prefix && ByteOrder.compare(self.key(at: first.keyStart), key) == 0 {
                    entries[count] = Entry(prefix: prefix, keyStart: first.keyStart, line: line)
                    count += 1
                    return first.line
                }
            }
            slot = (slot + 1) & slotMask
        }
        let start = arenaCount
        arenaCount = Self.store(key, in: arena, at: start)
        entries[count] = Entry(prefix: prefix, keyStart: UInt32(start), line: line)
        count += 1
        slots[slot] = tag | UInt32(count)
        return nil
    }

    /// The key bytes an entry refers to (valid until `removeAll`).
    func key(at start: UInt32) -> UnsafeBufferPointer<UInt8> {
        let (length, offset) = Self.length(in: arena, at: Int(start))
        return UnsafeBufferPointer(start: arena + offset, count: length)
    }

    /// Calls `body` with every registration in the order of a run: by key, then line. Registrations that
    /// ascended are in that order already; others are sorted first.
    func forEachInRunOrder(_ body: (RunOrder, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var buffer = UnsafeMutableBufferPointer(start: entries, count: count)
        if usesTable {
            let arena = self.arena
            buffer.sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let order = ByteOrder.compare(Self.key(in: arena, at: a.keyStart), Self.key(in: arena, at: b.keyStart))
                return order != 0 ? order < 0 : a.line < b.line
            }
        }
        for entry in buffer {
            try body(RunOrder(primary: entry.prefix, secondary: entry.line), key(at: entry.keyStart))
        }
    }

    /// Empties the window, keeping its memory (and its table, once in use).
    func removeAll() {
        slots?.update(repeating: 0, count: slotMask + 1)
        count = 0
        arenaCount = 0
    }

    private func slot(for key: UnsafeBufferPointer<UInt8>) -> (slot: Int, tag: UInt32) {
        let hash = self.hash(key)
        return (Int(truncatingIfNeeded: hash) & slotMask, tag(of: hash))
    }

    private func tag(of hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) & ~entryMask }

    // MARK: - Keys

    /// The first 8 bytes as a big-endian number, zero-padded: two keys with different prefixes are ordered as
    /// their prefixes are (a zero pads a shorter key, and it sorts first).
    static func prefix(of key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if key.count >= 8 {
            return UInt64(bigEndian: UnsafeRawPointer(key.baseAddress!).loadUnaligned(as: UInt64.self))
        }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(index < key.count ? key[index] : 0) }
        return value
    }

    // MARK: - Key bytes in the arena: a length byte (0xFF then 4 bytes for 255 or more), then the bytes

    static func prefixSize(_ length: Int) -> Int { length < 255 ? 1 : 5 }

    private static func key(in arena: UnsafeMutablePointer<UInt8>, at start: UInt32) -> UnsafeBufferPointer<UInt8> {
        let (length, offset) = length(in: arena, at: Int(start))
        return UnsafeBufferPointer(start: arena + offset, count: length)
    }

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
