import Foundation
import PandaCore

/// An exact hash set of short byte strings (UserIDs, record keys) for millions of entries: the bytes in
/// one arena, an open-addressing table of entry numbers, no `String`, no per-entry allocation. Entries are
/// numbered 0, 1, 2… in insertion order, so callers keep per-entry values in arrays of their own.
///
/// Not thread-safe; after building it may be read from several threads (nothing changes on lookup).
final class ByteKeyTable: @unchecked Sendable {
    // Sendable: mutated only while being built by one thread, read-only afterwards.
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaCount = 0
    /// Per entry: start in the arena << 16 | length.
    private var entries: UnsafeMutablePointer<UInt64>
    private var entryCapacity: Int
    private(set) var count = 0
    /// 0 = empty, else the entry number + 1.
    private var slots: UnsafeMutablePointer<UInt32>
    private var slotMask: Int
    private let seed: UInt64

    init(seed: UInt64, expectedCount: Int = 1024) {
        self.seed = seed
        var slotCount = 1024
        while slotCount * 3 < expectedCount * 4 { slotCount *= 2 }
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        entryCapacity = max(1024, expectedCount)
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = max(16 * 1024, expectedCount * 12)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        arena.deallocate()
        entries.deallocate()
        slots.deallocate()
    }

    /// Bytes in use: the slots, the entries and the keys (allocated capacity not yet written is not counted:
    /// the system gives it memory only when it is written).
    var bytesInUse: Int {
        (slotMask + 1) * MemoryLayout<UInt32>.stride + count * MemoryLayout<UInt64>.stride + arenaCount
    }

    /// The entry number of `key`, if present.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        // Properties read once into locals: each read of a class's `var` is an exclusivity check.
        let slots = self.slots
        let mask = slotMask
        var slot = Int(truncatingIfNeeded: ByteHash.hash(key, seed: seed)) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return nil }
            let entry = Int(value) - 1
            if matches(entry, key) { return entry }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key`; returns its entry number and whether it was new. Keys longer than 65 535 bytes are not
    /// stored (nil): no identifier is that long.
    @discardableResult
    func insert(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int, inserted: Bool)? {
        guard key.count <= Int(UInt16.max) else { return nil }
        if (count + 1) * 4 > (slotMask + 1) * 3 { grow() }
        let slots = self.slots
        let mask = slotMask
        var slot = Int(truncatingIfNeeded: ByteHash.hash(key, seed: seed)) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if matches(entry, key) { return (entry, false) }
            slot = (slot + 1) & mask
        }
        if arenaCount + key.count > arenaCapacity { reserveArena(arenaCount + key.count) }
        if count == entryCapacity {
            let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: entryCapacity * 2)
            larger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = larger
            entryCapacity *= 2
        }
        let start = arenaCount
        let number = count
        if let base = key.baseAddress, key.count > 0 { (arena + start).update(from: base, count: key.count) }
        entries[number] = UInt64(start) << 16 | UInt64(key.count)
        arenaCount = start + key.count
        count = number + 1
        slots[slot] = UInt32(number + 1)
        return (number, true)
    }

    /// Whether entry `entry` exists and is `key` (a cheap first guess for keys met in insertion order).
    func isEntry(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        entry >= 0 && entry < count && matches(entry, key)
    }

    @inline(__always)
    private func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let meta = entries[entry]
        let length = Int(meta & 0xFFFF)
        guard length == key.count else { return false }
        guard length > 0, let base = key.baseAddress else { return true }
        let arena = self.arena
        let stored = UnsafeRawPointer(arena + Int(meta >> 16))
        let wanted = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= length {
            if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != wanted.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < length {
            if stored.load(fromByteOffset: index, as: UInt8.self) != wanted.load(fromByteOffset: index, as: UInt8.self)
            {
                return false
            }
            index += 1
        }
        return true
    }

    private func reserveArena(_ needed: Int) {
        var capacity = arenaCapacity * 2
        while capacity < needed { capacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.moveInitialize(from: arena, count: arenaCount)
        arena.deallocate()
        arena = larger
        arenaCapacity = capacity
    }

    private func grow() {
        let slotCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        for entry in 0..<count {
            let meta = entries[entry]
            let key = UnsafeBufferPointer(start: arena + Int(meta >> 16), count: Int(meta & 0xFFFF))
            var slot = Int(truncatingIfNeeded: ByteHash.hash(key, seed: seed)) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = UInt32(entry + 1)
        }
    }
}
