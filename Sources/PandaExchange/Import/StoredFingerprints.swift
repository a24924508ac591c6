import Foundation
import PandaStore

/// The stored fingerprints of one kind of record of an account, looked up by key as the file is read:
/// loaded into memory when they fit the budget (`FingerprintIndex`), else read from the store as the file
/// goes (`FingerprintCursor`).
protocol StoredFingerprints: AnyObject {
    /// The fingerprint stored with the key (one or two parts), and the record's entry when they are loaded
    /// (`FingerprintIndex`); nil when the account has no such record.
    func lookUp(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) -> (
        fingerprint: Int64, entry: Int?
    )?
}

/// Stored fingerprints read from the store on the producer's own read connection, in file order: cheap for
/// a file sorted by key, a search per row for one that is not. Memory stays the same whatever the account's
/// size.
final class FingerprintCursor: StoredFingerprints {
    private var cursor: KeyCursor?
    /// Why a lookup failed; after a failure no fingerprint is found (every row is validated) and the file is
    /// processed again later.
    private(set) var failure: String?

    init(_ cursor: KeyCursor) { self.cursor = cursor }

    func lookUp(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) -> (
        fingerprint: Int64, entry: Int?
    )? {
        guard let cursor else { return nil }
        do {
            let (found, value) = try cursor.find(first, second)
            return found ? (value, nil) : nil
        } catch {
            failure = "reading the stored fingerprints failed: \(error)"
            self.cursor = nil
            return nil
        }
    }

    /// Lets go of the statement (before its read transaction ends).
    func close() { cursor = nil }
}
