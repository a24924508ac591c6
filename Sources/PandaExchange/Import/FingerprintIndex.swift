import Foundation
import PandaStore

/// The stored fingerprints of one kind of record of an account, by key, for the file being read: which
/// rows are unchanged, and where each key was first seen in the file (for duplicate keys).
///
/// Keys are kept in a `ByteKeyTable` (a two-part key joined by a NUL byte, which no field contains).
/// Built by a loader thread, then used by the producer thread alone.
final class FingerprintIndex: @unchecked Sendable {
    // Sendable: handed from the loading thread to the reading thread once, never shared after.
    private let keys: ByteKeyTable
    private var fingerprints: [Int64] = []
    /// Line where the key was first seen in the file (0: not yet); negative when that row was taken as
    /// unchanged (so the validator never saw it).
    private var firstLines: [Int32] = []
    private var scratch: [UInt8] = []

    init(expectedCount: Int = 1024) {
        keys = ByteKeyTable(seed: RecordFingerprint.seed, expectedCount: expectedCount)
        fingerprints.reserveCapacity(expectedCount)
        firstLines.reserveCapacity(expectedCount)
    }

    var count: Int { keys.count }

    /// Loads the account's fingerprints of `kind`.
    static func load(_ kind: FingerprintedRecords, account: String, in db: any SQLConnection) throws
        -> FingerprintIndex
    {
        let index = FingerprintIndex(expectedCount: try RecordRepository.count(of: kind, account: account, in: db))
        try RecordRepository.forEachFingerprint(of: kind, account: account, in: db) { first, second, hash in
            index.insert(first, second, fingerprint: hash)
        }
        return index
    }

    func insert(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?, fingerprint: Int64) {
        guard let added = withKey(first, second, { keys.insert($0) }), added.inserted else { return }
        fingerprints.append(fingerprint)
        firstLines.append(0)
    }

    /// The entry of a key, if the account has a record with it.
    ///
    /// Records load in key order and files are usually sorted by key too, so the entry after the last one
    /// found is tried first: a sorted file then walks the table instead of jumping around memory.
    func entry(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) -> Int? {
        let found = withKey(first, second) { key in
            keys.isEntry(lastFound + 1, key) ? lastFound + 1 : keys.find(key)
        }
        if let found { lastFound = found }
        return found
    }

    private var lastFound = -1

    func fingerprint(_ entry: Int) -> Int64 { fingerprints[entry] }

    /// Where the key was first seen in this file, and whether that row was taken as unchanged.
    func firstSeen(_ entry: Int) -> (line: Int, unchanged: Bool)? {
        let value = firstLines[entry]
        return value == 0 ? nil : (Int(abs(value)), value < 0)
    }

    func markSeen(_ entry: Int, line: Int, unchanged: Bool) {
        let value = Int32(clamping: line)
        firstLines[entry] = unchanged ? -value : value
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
