import Foundation
import PandaCore
import PandaSSH
import PandaStore

/// Decides SSH logins against the store: the account exists, the key is registered for *that* account,
/// not revoked or expired, allowed from this address, and of an accepted type and size.
struct StoreAuthenticator: SSHAuthenticator {
    let store: Store
    let policy: PublicKeyPolicy
    let logger: Logger

    func authenticate(_ request: SSHAuthRequest) -> SSHAuthDecision {
        guard let algorithm = SSHKeyAlgorithm(rawValue: request.key.type) else {
            return .reject(reason: "key type \(request.key.type) is not accepted")
        }
        do {
            try policy.check(algorithm: algorithm, bits: request.key.bits)
        } catch {
            return .reject(reason: error.message)
        }
        do {
            guard let account = try store.accounts.find(request.username) else {
                return .reject(reason: "no account \(request.username)")
            }
            guard
                let key = try store.keys.findActive(account: account.username, fingerprint: request.key.fingerprint)
            else {
                return .reject(reason: "key \(request.key.fingerprint) is not registered for \(account.username)")
            }
            let now = store.clock.now()
            if let refusal = key.refusal(at: now, from: request.address) { return .reject(reason: refusal) }
            if request.signatureVerified { try store.keys.markUsed(keyID: key.id, at: now) }
            return .accept(account: account.username, maxSessions: account.settings.maxSessions)
        } catch {
            logger.error("auth.store_error", ["error": "\(error)"])
            return .reject(reason: "the account store is unavailable")
        }
    }
}
