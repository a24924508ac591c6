import Synchronization

/// One `AccountStorage` per account for the whole server, so sessions share the folder descriptors
/// instead of opening their own.
public final class AccountStorageCache: Sendable {
    private let dataDirectory: String
    private let opened = Mutex<[String: AccountStorage]>([:])

    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    public func storage(for username: String) throws -> AccountStorage {
        try opened.withLock { cache in
            if let storage = cache[username] { return storage }
            let storage = try AccountStorage(dataDirectory: dataDirectory, username: username)
            cache[username] = storage
            return storage
        }
    }
}
