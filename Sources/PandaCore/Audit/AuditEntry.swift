import Foundation

/// One line of the audit log: who did what to which account, from where.
public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    public var at: Date
    /// Nil for events not tied to one account (e.g. a refused connection before a username was known).
    public var account: String?
    /// `cli`, `ssh`, `api`, `importer`, `scheduler`…
    public var actor: String
    /// Stable event name, e.g. `key.add`, `login.success`, `file.close`.
    public var event: String
    public var address: String?
    /// `key=value` details; never secrets or record contents.
    public var detail: String

    public init(
        id: Int64 = 0, at: Date, account: String?, actor: String, event: String, address: String? = nil,
        detail: String = ""
    ) {
        self.id = id
        self.at = at
        self.account = account
        self.actor = actor
        self.event = event
        self.address = address
        self.detail = detail
    }
}
