import Foundation

/// A completed upload, committed to the account's folder and ready for the importer.
public struct CompletedUpload: Sendable, Equatable {
    public var account: String
    /// `inbound` (applied) or `validate` (dry run).
    public var folder: AccountFolder
    public var name: String
    public var size: Int64
    /// Nil while the digest is still being computed behind the transfer (large files); it follows through
    /// `digestComputed`.
    public var sha256: String?
    public var completedAt: Date
}

/// Where the account file system reports uploads: the store's intake queue in the server, a recorder in
/// tests. Calls happen after the file is durable on disk; if one throws, the client is told the upload
/// failed.
public protocol UploadIntake: Sendable {
    /// Uploads of this account completed since the start of the current UTC day (for the daily limit).
    func uploadsToday(account: String) throws -> Int
    /// Records the upload in the queue; returns its queue id.
    @discardableResult func completed(_ upload: CompletedUpload) throws -> Int64
    /// The digest of an upload recorded without one is known (nil: the file could not be read back, and
    /// the importer computes it). Called on a background thread; failures are logged, not thrown.
    func digestComputed(uploadID: Int64, upload: CompletedUpload, sha256: String?)
    /// A queued upload was renamed to another final name.
    func renamed(account: String, folder: AccountFolder, from: String, to: String) throws
    /// A queued upload was deleted (or renamed to a temporary name) by the institution before processing.
    func withdrawn(account: String, folder: AccountFolder, name: String) throws
}
