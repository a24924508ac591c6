import Foundation
import PandaCore
import PandaStore

/// The operator's changes to keys, rosters and settings (institutions, calendars, bans and publications in the
/// `OperatorActions+…` files), each checked, stored and audited in one place, so the command line and the admin
/// API behave alike. `actor` names who acted in the audit log (`cli`, `api:NAME`).
public struct OperatorActions: Sendable {
    let store: Store
    let actor: String

    public init(store: Store, actor: String) {
        self.store = store
        self.actor = actor
    }

    // MARK: - Keys

    /// Registers a parsed key (its expiry must be in the future) and audits `key.add`.
    public func registerKey(_ key: NewPublicKey, account: String) throws -> RegisteredKey {
        if let expiry = key.expiresAt, expiry <= store.clock.now() {
            throw OperatorError.expiryInPast(Timestamp.iso8601(expiry))
        }
        let registered = try store.keys.add(key, to: account)
        try audit(
            account, "key.add",
            "fingerprint=\(registered.fingerprint) type=\(registered.algorithm.family) bits=\(registered.bits)")
        return registered
    }

    /// Revokes the account's active key with `fingerprint` and audits `key.revoke`.
    public func revokeKey(fingerprint: String, account: String) throws -> RegisteredKey {
        let key = try store.keys.revoke(account: account, fingerprint: fingerprint)
        try audit(account, "key.revoke", "fingerprint=\(key.fingerprint)")
        return key
    }

    // MARK: - Roster

    /// Adds students (each UserID checked first) and audits `roster.add`.
    public func addToRoster(_ ids: [String], account: String) throws -> RosterChange {
        let valid = try ids.map(StudentID.validate)
        let added = try store.roster.add(valid, to: account)
        try audit(account, "roster.add", "requested=\(valid.count) added=\(added)")
        return RosterChange(added: added, removed: 0, total: try store.roster.count(account))
    }

    /// Removes students and audits `roster.remove`.
    public func removeFromRoster(_ ids: [String], account: String) throws -> RosterChange {
        let removed = try store.roster.remove(ids, from: account)
        try audit(account, "roster.remove", "requested=\(ids.count) removed=\(removed)")
        return RosterChange(added: 0, removed: removed, total: try store.roster.count(account))
    }

    /// Makes the roster exactly `ids` (checked first; empty only when `allowEmpty`) and audits `roster.import`.
    public func replaceRoster(with ids: [String], account: String, allowEmpty: Bool) throws -> RosterChange {
        let valid = try ids.map(StudentID.validate)
        if valid.isEmpty && !allowEmpty { throw OperatorError.emptyRoster }
        let (added, removed) = try store.roster.replace(with: valid, for: account)
        try audit(account, "roster.import", "file_ids=\(valid.count) added=\(added) removed=\(removed)")
        return RosterChange(added: added, removed: removed, total: try store.roster.count(account))
    }

    // MARK: - Settings

    /// Applies settings given as `account set` option names and their text (`publish-at` → `06:00`); nothing
    /// is stored unless every one is valid. Audits `account.set`; returns the account and the names changed.
    public func changeSettings(account: String, _ changes: [(name: String, text: String)]) throws -> (
        Account, [String]
    ) {
        var changed: [String] = []
        let updated = try store.accounts.update(account) { account in
            changed = try AccountSettingsChange(changes).apply(to: &account)
        }
        try audit(account, "account.set", "changed=\(changed.joined(separator: ","))")
        return (updated, changed)
    }

    func audit(_ account: String?, _ event: String, _ detail: String) throws {
        try store.audit.record(account: account, actor: actor, event: event, detail: detail)
    }
}
