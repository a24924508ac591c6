import Foundation
import PandaCore
import Synchronization

/// Remembers which usernames were tried from each address, so that when the address is banned the
/// accounts behind those usernames can be told (`login.failures`).
///
/// The SSH server reports failures with the username and bans by address only; this joins the two. It
/// keeps at most `namesPerAddress` names per address, for `window` (the ban policy's window), and
/// forgets an address once it is banned.
public final class LoginFailureTracker: Sendable {
    private struct Attempt {
        var username: String
        var at: Date
    }

    private let window: TimeInterval
    private let namesPerAddress: Int
    private let maximumAddresses: Int
    private let attempts = Mutex<[String: [Attempt]]>([:])

    public init(window: Duration = .seconds(600), namesPerAddress: Int = 5, maximumAddresses: Int = 10_000) {
        let (seconds, attoseconds) = window.components
        self.window = Double(seconds) + Double(attoseconds) / 1e18
        self.namesPerAddress = namesPerAddress
        self.maximumAddresses = maximumAddresses
    }

    /// Notes a rejected login for `username` from `address`.
    public func failed(address: String, username: String, at now: Date) {
        guard !username.isEmpty else { return }
        attempts.withLock { table in
            if table[address] == nil && table.count >= maximumAddresses { prune(&table, now: now) }
            guard table[address] != nil || table.count < maximumAddresses else { return }
            var list = (table[address] ?? []).filter {
                now.timeIntervalSince($0.at) <= window && $0.username != username
            }
            list.append(Attempt(username: username, at: now))
            table[address] = Array(list.suffix(namesPerAddress))
        }
    }

    /// The usernames tried from `address` within the window, oldest first; forgets them.
    public func banned(address: String, at now: Date) -> [String] {
        attempts.withLock { table in
            let names = (table[address] ?? []).filter { now.timeIntervalSince($0.at) <= window }.map(\.username)
            table[address] = nil
            return names
        }
    }

    /// The event telling `account` that `address` was banned after repeated failed logins.
    public static func event(
        account: String, address: String, until: Date, banNumber: Int, at now: Date
    ) -> NotificationEvent {
        NotificationEvent(
            kind: .loginFailures, account: account, occurredAt: now,
            summary: "Repeated failed logins to \(account) from \(address); the address is blocked until"
                + " \(Timestamp.iso8601(until))",
            details: [
                ("address", .string(address)), ("username", .string(account)), ("blockedUntil", .date(until)),
                ("banNumber", .int(banNumber)),
            ])
    }

    private func prune(_ table: inout [String: [Attempt]], now: Date) {
        table = table.filter { _, list in list.contains { now.timeIntervalSince($0.at) <= window } }
    }
}
