import Foundation
import PandaCore
import PandaStore
import Synchronization

/// Checks admin API tokens against the store and records when each was last used, at most once a minute per
/// token (a write per request would serialize the API on the database's writer), on a queue of its own: a
/// read-only request must not wait for the writer, which a large import can hold for seconds.
///
/// A token found valid is remembered for one second (by its SHA-256), so a busy client costs one lookup a
/// second rather than one per request; a revocation (possibly by another process) takes effect within that
/// second.
public final class TokenAuthenticator: Sendable {
    private let store: Store
    private let lastRecorded = Mutex<[Int64: Date]>([:])
    private let recentlyValid = Mutex<[String: (token: APIToken, until: ContinuousClock.Instant)]>([:])
    private let logger: Logger
    private let usageRecorder = DispatchQueue(label: "panda.http.token-usage")
    static let rememberFor: Duration = .seconds(1)

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// The unrevoked token `presented` is, or nil.
    public func authenticate(_ presented: String?) -> APIToken? {
        guard let presented, !presented.isEmpty, presented.utf8.count <= 256 else { return nil }
        let digest = APITokenRepository.hash(presented)
        let now = ContinuousClock.now
        if let remembered = recentlyValid.withLock({ $0[digest] }), remembered.until > now { return remembered.token }
        do {
            guard let token = try store.apiTokens.authenticate(presented) else { return nil }
            recentlyValid.withLock { cache in
                if cache.count > 1000 { cache = cache.filter { $0.value.until > now } }
                cache[digest] = (token, now + Self.rememberFor)
            }
            let wallNow = store.clock.now()
            let due = lastRecorded.withLock { recorded in
                guard recorded[token.id].map({ wallNow.timeIntervalSince($0) >= 60 }) ?? true else { return false }
                recorded[token.id] = wallNow
                return true
            }
            if due { recordUse(of: token, at: wallNow) }
            return token
        } catch {
            logger.error("token.check_failed", ["error": "\(error)"])
            return nil
        }
    }

    private func recordUse(of token: APIToken, at time: Date) {
        usageRecorder.async { [store, logger] in
            do {
                try store.apiTokens.markUsed(id: token.id, at: time)
            } catch {
                logger.warning("token.mark_used_failed", ["token": token.name, "error": "\(error)"])
            }
        }
    }
}
