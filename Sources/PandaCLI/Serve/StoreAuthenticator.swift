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
            let now = store.clock.now()
            guard
                let key = try store.keys.findActive(account: account.username, fingerprint: request.key.fingerprint)
            else {
                // A revoked key says so in the audit log; an unknown one is simply not registered.
                if let old = try store.keys.findLatest(account: account.username, fingerprint: request.key.fingerprint),
                    let refusal = old.refusal(at: now, from: request.address)
                {
                    return .reject(reason: refusal)
                }
                return .reject(reason: "key \(request.key.fingerprint) is not registered for \(account.username)")
            }
            if let refusal = key.refusal(at: now, from: request.address) { return .reject(reason: refusal) }
            if request.signatureVerified { try store.keys.markUsed(keyID: key.id, at: now) }
            return .accept(account: account.username, maxSessions: account.settings.maxSessions)
        } catch {
            logger.error("auth.store_error", ["error": "\(error)"])
            return .reject(reason: "the account store is unavailable")
        }
    }
}
