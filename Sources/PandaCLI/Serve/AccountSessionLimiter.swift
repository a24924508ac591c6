import Synchronization

/// Counts open SFTP sessions per account so each account's own `--max-sessions` applies (the SSH
/// server's limit is one number for every account).
final class AccountSessionLimiter: Sendable {
    private let open = Mutex<[String: Int]>([:])

    /// Takes a slot for `account`, or returns false when it already has `limit` sessions.
    func acquire(_ account: String, limit: Int) -> Bool {
        open.withLock { counts in
            let current = counts[account, default: 0]
            guard current < limit else { return false }
            counts[account] = current + 1
            return true
        }
    }

    func release(_ account: String) {
        open.withLock { counts in
            let remaining = counts[account, default: 1] - 1
            counts[account] = remaining > 0 ? remaining : nil
        }
    }
}

/// Refusal of a session beyond the account's limit; the SSH server refuses the subsystem.
struct SessionLimitReached: Error, CustomStringConvertible {
    let account: String
    let limit: Int
    var description: String { "account \(account) already has \(limit) open sessions" }
}
