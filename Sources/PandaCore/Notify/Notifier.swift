import Foundation

/// Something an account's contacts must hear about (spec §1, issue "daily cycle" point 5).
///
/// Producers (scheduler, importer, SSH server, key checks) describe what happened; the notification
/// service decides how (webhook, e-mail, digest) and records each delivery. Producers never wait for
/// delivery: a receiver that is down must not block an import or a login.
public struct NotificationEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The deadline passed with no upload for that day's cycle.
        case cycleMissed = "cycle.missed"
        /// A file was rejected whole (empty, not CSV, mixed keywords, over a limit).
        case fileRejected = "file.rejected"
        /// A file was applied but some rows were rejected.
        case fileProcessedWithErrors = "file.processed_with_errors"
        /// A file crossed the safety threshold and waits for the operator.
        case fileHeld = "file.held"
        /// A registered key expires within 14 days.
        case keyExpiring = "key.expiring"
        /// Repeated failed logins (an address was banned).
        case loginFailures = "login.failures"
    }

    public var kind: Kind
    /// The account whose contacts are told.
    public var account: String
    public var occurredAt: Date
    /// One human sentence, used as the e-mail subject and the digest line.
    public var summary: String
    /// Machine-readable details (file id and name, cycle day, counts, fingerprint, address …),
    /// rendered into the webhook body under `details`.
    public var details: [(String, JSONValue)]

    public init(kind: Kind, account: String, occurredAt: Date, summary: String, details: [(String, JSONValue)] = []) {
        self.kind = kind
        self.account = account
        self.occurredAt = occurredAt
        self.summary = summary
        self.details = details
    }

    public static func == (lhs: NotificationEvent, rhs: NotificationEvent) -> Bool {
        lhs.kind == rhs.kind && lhs.account == rhs.account && lhs.occurredAt == rhs.occurredAt
            && lhs.summary == rhs.summary && JSONValue.object(lhs.details) == JSONValue.object(rhs.details)
    }
}

/// The seam producers call. `notify` must return quickly and must not throw: delivery happens
/// elsewhere, and its failures are recorded there.
public protocol Notifier: Sendable {
    func notify(_ event: NotificationEvent)
}

/// A notifier that drops every event: for commands and tests that do not deliver notifications.
public struct SilentNotifier: Notifier {
    public init() {}
    public func notify(_ event: NotificationEvent) {}
}
