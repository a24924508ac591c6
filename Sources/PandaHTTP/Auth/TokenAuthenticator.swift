import Foundation
import PandaCore
import PandaStore
import Synchronization

/// Checks admin API tokens against the store and records when each was last used, at most once a minute per
/// token (a write per request would serialize the API on the database's writer).
public final class TokenAuthenticator: Sendable {
    private let store: Store
    private let lastRecorded = Mutex<[Int64: Date]>([:])
    private let logger: Logger

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// The unrevoked token `presented` is, or nil.
    public func authenticate(_ presented: String?) -> APIToken? {
        guard let presented, !presented.isEmpty, presented.utf8.count <= 256 else { return nil }
        do {
            guard let token = try store.apiTokens.authenticate(presented) else { return nil }
            let now = store.clock.now()
            let due = lastRecorded.withLock { recorded in
                guard recorded[token.id].map({ now.timeIntervalSince($0) >= 60 }) ?? true else { return false }
                recorded[token.id] = now
                return true
            }
            if due { try store.apiTokens.markUsed(id: token.id, at: now) }
            return token
        } catch {
            logger.error("token.check_failed", ["error": "\(error)"])
            return nil
        }
    }
}
