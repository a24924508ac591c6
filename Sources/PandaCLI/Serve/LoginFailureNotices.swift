import Foundation
import PandaCore
import PandaNotify
import PandaSSH
import PandaStore

/// Tells an account's contacts when an address that tried its username is banned for repeated failed
/// logins (`login.failures`). Usernames that are not accounts are never reported (nor looked up again).
struct LoginFailureNotices: SSHServerObserver {
    let tracker: LoginFailureTracker
    let store: Store
    let notifier: any Notifier
    let clock: any WallClock
    let logger: Logger

    func observe(_ event: SSHServerEvent) {
        switch event {
        case .authenticationFailed(let connection, let username, _, _, _):
            tracker.failed(address: connection.address, username: username, at: clock.now())
        case .banned(let ban):
            let now = clock.now()
            for username in tracker.banned(address: ban.address, at: now) {
                do {
                    guard try store.accounts.find(username) != nil else { continue }
                } catch {
                    logger.error("login_failures.lookup_failed", ["error": "\(error)"])
                    continue
                }
                notifier.notify(
                    LoginFailureTracker.event(
                        account: username, address: ban.address, until: ban.until, banNumber: ban.count, at: now))
            }
        default:
            break
        }
    }
}

/// Hands each SSH server event to several observers, in order (the audit log first).
struct SSHObservers: SSHServerObserver {
    let observers: [any SSHServerObserver]

    func observe(_ event: SSHServerEvent) {
        for observer in observers { observer.observe(event) }
    }
}
