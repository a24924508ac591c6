import Foundation
import PandaCore
import PandaStore

/// An account as notifications need it: its settings, its institution and its time zone.
struct NotifiedAccount: Sendable {
    let account: Account
    let zone: TimeZone

    var username: String { account.username }
    var institution: String { account.institutionID.rawValue }
    var environment: String { account.environment.rawValue }

    /// The account from the store, or nil when there is no such account.
    static func load(_ username: String, from store: Store) throws -> NotifiedAccount? {
        guard let account = try store.accounts.find(username) else { return nil }
        let zoneName = try account.settings.timeZone ?? store.institutions.get(account.institutionID.rawValue).timeZone
        return NotifiedAccount(account: account, zone: TimeZone(identifier: zoneName) ?? .gmt)
    }
}
