import Foundation
import PandaCore
import PandaFormats

/// The students an import may change (a roster can hold a million), as a `ByteKeyTable` of UserIDs
/// rather than a `Set<String>`. Exact (bytes are compared); the hash is seeded per index so crafted IDs
/// cannot aim at collisions. Built once, then only read (by the validator and the unchanged-row filter).
///
/// A class, so that looking up through `any StudentLookup` costs no reference counting of its parts.
final class StudentIndex: StudentLookup, @unchecked Sendable {
    // Sendable: built by one thread, then read by the producer thread alone (`hint` is a guess, so a race on
    // it could only cost a lookup, never give a wrong answer: every guess is checked against the key).
    let kind: StudentScopeKind
    private let table: ByteKeyTable
    /// The last entry found.
    private var hint = -1

    init(kind: StudentScopeKind, expectedCount: Int = 1024) {
        self.kind = kind
        table = ByteKeyTable(
            seed: SecureRandom.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }, expectedCount: expectedCount)
    }

    var count: Int { table.count }

    /// Bytes in use (see `ByteKeyTable.bytesInUse`).
    var bytesInUse: Int { table.bytesInUse }

    /// Adds one UserID (UTF-8 bytes); a repeated one is ignored. Only while building.
    func insert(_ bytes: UnsafeBufferPointer<UInt8>) {
        table.insert(bytes)
    }

    /// Rosters load in UserID order and files are usually sorted by UserID too, so the entry after the last
    /// one found is tried first (the hint is one thread's: the producer's).
    func contains(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let next = hint + 1
        if table.isEntry(next, bytes) {
            hint = next
            return true
        }
        guard let found = table.find(bytes) else { return false }
        hint = found
        return true
    }
}
