import Foundation
import PandaCore

/// Remembers the key of every row of a file, exactly, to find a key's second occurrence: the validator's
/// own `DuplicateKeyDetector`.
///
/// An open-addressing table over an arena of key bytes: about 30 bytes a key plus the key itself, so a
/// million-row file costs some 40 MB, and no `String` or `Hasher` per row.
final class DuplicateKeyIndex: DuplicateKeyDetector {
    private struct Entry {
        let start: Int
        let length: Int32
        let line: Int32
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// 0 = empty, else (hash's high 32 bits << 32) | (entry index + 1).
    private var slots = [UInt64](repeating: 0, count: 1024)
    private let seed = UInt64.random(in: .min ... .max)

    func firstLine(ofKey key: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        let line = Int32(clamping: line)
        let hash = ByteHash.hash(key, seed: seed)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let value = slots[slot]
            if value & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = entries[Int(value & 0xFFFF_FFFF) - 1]
                if Int(entry.length) == key.count && equals(key, at: entry.start) { return Int(entry.line) }
            }
            slot = (slot + 1) & mask
        }
        entries.append(Entry(start: arena.count, length: Int32(key.count), line: line))
        arena.append(contentsOf: key)
        slots[slot] = tag | UInt64(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return nil
    }

    private func equals(_ key: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            guard let stored = arena.baseAddress, let wanted = key.baseAddress else { return key.isEmpty }
            return memcmp(stored + start, wanted, key.count) == 0
        }
    }

    private func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        arena.withUnsafeBufferPointer { bytes in
            for (index, entry) in entries.enumerated() {
                let key = UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.start + Int(entry.length)])
                let hash = ByteHash.hash(key, seed: seed)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
            }
        }
    }
}
