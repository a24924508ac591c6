import Foundation
import PandaStore

/// The stored fingerprints of one kind of record of an account, by key, in memory (about 32 bytes a
/// record): for accounts within `ImportMemoryBudget.fingerprintRecords`.
///
/// Keys are kept in a `ByteKeyTable` (a two-part key joined by a NUL byte, which no field contains).
/// Built by a loader thread, then used by the producer thread alone.
final class FingerprintIndex: StoredFingerprints, @unchecked Sendable {
    // Sendable: handed from the loading thread to the reading thread once, never shared after.
    private let keys: ByteKeyTable
    private var fingerprints: [Int64] = []
    private var scratch: [UInt8] = []
    private var lastFound = -1

    init(expectedCount: Int = 1024) {
        keys = ByteKeyTable(seed: RecordFingerprint.seed, expectedCount: expectedCount)
        fingerprints.reserveCapacity(expectedCount)
    }

    var count: Int { keys.count }

    /// Loads the account's fingerprints of `kind` (`expectedCount` of them).
    static func load(_ kind: FingerprintedRecords, account: String, expectedCount: Int, in db: any SQLConnection)
        throws -> FingerprintIndex
    {
        let index = FingerprintIndex(expectedCount: expectedCount)
        try RecordRepository.forEachFingerprint(of: kind, account: account, in: db) { first, second, hash in
            index.insert(first, second, fingerprint: hash)
        }
        return index
    }

    func insert(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?, fingerprint: Int64) {
        guard let added = withKey(first, second, { keys.insert($0) }), added.inserted else { return }
        fingerprints.append(fingerprint)
    }

    /// Records load in key order and files are usually sorted by key too, so the entry after the last one
    /// found is tried first: a sorted file then walks the table instead of jumping around memory.
    func fingerprint(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) -> Int64? {
        let found = withKey(first, second) { key in
            keys.isEntry(lastFound + 1, key) ? lastFound + 1 : keys.find(key)
        }
        guard let found else { return nil }
        lastFound = found
        return fingerprints[found]
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
