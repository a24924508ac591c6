import Foundation
import PandaStore

/// The stored fingerprints of one kind of record of an account, by key, in memory (about 28 bytes a
/// record plus its key): for accounts within `ImportMemoryBudget.fingerprints`. Beside each, the line where the
/// file being read first had the key (`FileKeyRegistry` finds duplicates of stored keys here).
///
/// Keys are kept in a `ByteKeyTable`, joined as `DuplicateKeys.join` joins them (a NUL byte between parts).
/// Built by a loader thread, then used by the producer thread alone.
final class FingerprintIndex: StoredFingerprints, @unchecked Sendable {
    // Sendable: handed from the loading thread to the reading thread once, never shared after.
    private let keys: ByteKeyTable
    private var fingerprints: [Int64] = []
    /// Line of the key's first row in the file (0: none yet), per entry; made on the first registration.
    private var firstLines: UnsafeMutablePointer<UInt32>?
    private var scratch: [UInt8] = []
    private var lastFound = -1
    private var lastRegistered = -1

    init(expectedCount: Int = 1024) {
        keys = ByteKeyTable(seed: RecordFingerprint.seed, expectedCount: expectedCount)
        fingerprints.reserveCapacity(expectedCount)
    }

    deinit { firstLines?.deallocate() }

    var count: Int { keys.count }

    /// Bytes per record besides its key: table slot and entry, fingerprint, first line.
    static let bytesPerRecord = 28

    /// Loads the account's fingerprints of `kind` (`expectedCount` of them); nil as soon as they take more than
    /// `budget` bytes (they are then read from the store instead).
    static func load(
        _ kind: FingerprintedRecords, account: String, expectedCount: Int, budget: Int, in db: any SQLConnection
    ) throws -> FingerprintIndex? {
        // Not even the keys' minimum: no need to start.
        guard expectedCount * (bytesPerRecord + 1) <= budget else { return nil }
        let index = FingerprintIndex(expectedCount: expectedCount)
        var withinBudget = true
        try RecordRepository.forEachFingerprint(of: kind, account: account, in: db) { first, second, hash in
            guard withinBudget else { return }
            index.insert(first, second, fingerprint: hash)
            if index.count % 4096 == 0 && index.bytesInUse > budget { withinBudget = false }
        }
        return withinBudget && index.bytesInUse <= budget ? index : nil
    }

    /// Bytes in use, the first lines included (made when the file first registers a key).
    var bytesInUse: Int {
        keys.bytesInUse + count * (MemoryLayout<Int64>.stride + MemoryLayout<UInt32>.stride)
    }

    func insert(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?, fingerprint: Int64) {
        guard let added = withKey(first, second, { keys.insert($0) }), added.inserted else { return }
        fingerprints.append(fingerprint)
    }

    /// Records load in key order and files are usually sorted by key too, so the entry after the last one
    /// found is tried first: a sorted file then walks the table instead of jumping around memory.
    func lookUp(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) -> (
        fingerprint: Int64, entry: Int?
    )? {
        let found = withKey(first, second) { key in
            keys.isEntry(lastFound + 1, key) ? lastFound + 1 : keys.find(key)
        }
        guard let found else { return nil }
        lastFound = found
        return (fingerprints[found], found)
    }

    /// The entry of a joined key (`DuplicateKeys.join`), if the account has a record with it.
    func entry(ofKey key: UnsafeBufferPointer<UInt8>) -> Int? {
        let found = keys.isEntry(lastRegistered + 1, key) ? lastRegistered + 1 : keys.find(key)
        if let found { lastRegistered = found }
        return found
    }

    /// Records that the file has the entry's key on `line`: the line it first had it, or nil when this is
    /// the first time.
    func firstLine(registering entry: Int, line: Int) -> Int? {
        let lines = firstLines ?? makeFirstLines()
        let first = lines[entry]
        if first != 0 { return Int(first) }
        lines[entry] = UInt32(clamping: line)
        return nil
    }

    private func makeFirstLines() -> UnsafeMutablePointer<UInt32> {
        let lines = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, keys.count))
        lines.initialize(repeating: 0, count: max(1, keys.count))
        firstLines = lines
        return lines
    }

    private func withKey<Result>(
        _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        guard let second else { return body(first) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: first)
        scratch.append(0)
        scratch.append(contentsOf: second)
        return scratch.withUnsafeBufferPointer(body)
    }
}
