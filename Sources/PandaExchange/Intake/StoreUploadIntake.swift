import Foundation
import PandaCore
import PandaStore

/// The intake queue in the store: what the server gives each account file system.
public struct StoreUploadIntake: UploadIntake {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The daily limit counts the last 24 hours, so it needs no time zone and cannot be reset by midnight.
    public func uploadsToday(account: String) throws -> Int {
        try store.uploads.count(account: account, since: store.clock.now().addingTimeInterval(-86_400))
    }

    public func completed(_ upload: CompletedUpload) throws {
        try store.uploads.enqueue(
            account: upload.account, folder: upload.folder.rawValue, name: upload.name, size: upload.size,
            sha256: upload.sha256, at: upload.completedAt)
    }

    public func renamed(account: String, folder: AccountFolder, from: String, to: String) throws {
        try store.uploads.rename(account: account, folder: folder.rawValue, from: from, to: to)
    }

    public func withdrawn(account: String, folder: AccountFolder, name: String) throws {
        try store.uploads.withdraw(account: account, folder: folder.rawValue, name: name)
    }
}
