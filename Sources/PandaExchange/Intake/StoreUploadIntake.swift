import Foundation
import PandaCore
import PandaStore

/// The intake queue in the store: what the server gives each account file system.
public struct StoreUploadIntake: UploadIntake {
    let store: Store
    let logger: Logger

    public init(store: Store, logger: Logger = Logger(component: "intake")) {
        self.store = store
        self.logger = logger
    }

    /// The daily limit counts the last 24 hours, so it needs no time zone and cannot be reset by midnight.
    public func uploadsToday(account: String) throws -> Int {
        try store.uploads.count(account: account, since: store.clock.now().addingTimeInterval(-86_400))
    }

    @discardableResult
    public func completed(_ upload: CompletedUpload) throws -> Int64 {
        try store.uploads.enqueue(
            account: upload.account, folder: upload.folder.rawValue, name: upload.name, size: upload.size,
            sha256: upload.sha256, at: upload.completedAt)
    }

    public func digestComputed(uploadID: Int64, upload: CompletedUpload, sha256: String?) {
        do {
            try store.uploads.recordDigest(
                uploadID: uploadID, account: upload.account, folder: upload.folder.rawValue, name: upload.name,
                size: upload.size, sha256: sha256, at: store.clock.now())
        } catch {
            // The importer computes the digest itself when the queue has none.
            logger.warning("upload_digest_not_recorded", ["upload": String(uploadID), "error": "\(error)"])
        }
    }

    public func renamed(account: String, folder: AccountFolder, from: String, to: String) throws {
        try store.uploads.rename(account: account, folder: folder.rawValue, from: from, to: to)
    }

    public func withdrawn(account: String, folder: AccountFolder, name: String) throws {
        try store.uploads.withdraw(account: account, folder: folder.rawValue, name: name)
    }
}
