import Foundation
import PandaCore
import PandaSSH
import PandaStore

/// Bans kept in the store, so `panda ban list|remove` in another process sees and lifts them.
struct StoreBanList: SSHBanList {
    let store: Store
    let policy: SSHBanPolicy
    let logger: Logger

    func activeBan(for address: String, at now: Date) -> SSHBan? {
        do {
            return try store.bans.active(address: address, at: now).map(Self.ban)
        } catch {
            logger.error("ban.store_error", ["error": "\(error)"])
            return nil
        }
    }

    func recordFailure(from address: String, at now: Date) -> SSHBan? {
        let policy = self.policy
        let rule = BanRule(
            threshold: policy.threshold, window: policy.window.seconds, forgetAfter: policy.forgetAfter.seconds,
            duration: { policy.banDuration(count: $0).seconds })
        do {
            return try store.bans.recordFailure(address: address, at: now, rule: rule).map(Self.ban)
        } catch {
            logger.error("ban.store_error", ["error": "\(error)"])
            return nil
        }
    }

    static func ban(_ ban: AddressBan) -> SSHBan {
        SSHBan(
            address: ban.address, until: ban.until, duration: .milliseconds(Int64(ban.duration * 1000)),
            count: ban.count)
    }
}
