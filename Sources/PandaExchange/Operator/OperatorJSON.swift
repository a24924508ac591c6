import Foundation
import PandaCore
import PandaStore

/// The JSON shapes of what operators list (`panda … --json` and the admin API give the same objects): keys in
/// a stable order.
public enum OperatorJSON {
    /// Keys expiring within this many days are flagged (`key list`, the API, the dashboard), as the expiry
    /// notice announces them.
    public static let expiryWarningDays = 14

    /// Whether an active key expires within `expiryWarningDays` of `now`.
    public static func expiresSoon(_ key: RegisteredKey, now: Date) -> Bool {
        key.state(at: now) == .active
            && key.expiresAt.map { $0.timeIntervalSince(now) < Double(expiryWarningDays) * 86_400 } == true
    }

    /// A registered key with its state at `now`.
    public static func key(_ key: RegisteredKey, now: Date) -> JSONValue {
        .object([
            ("fingerprint", .string(key.fingerprint)),
            ("type", .string(key.algorithm.family)),
            ("algorithm", .string(key.algorithm.rawValue)),
            ("bits", .int(key.bits)),
            ("comment", .string(key.comment)),
            ("createdAt", .date(key.createdAt)),
            ("expiresAt", .date(key.expiresAt)),
            ("allowedSources", .array(key.allowedSources.map { .string($0.description) })),
            ("lastUsedAt", .date(key.lastUsedAt)),
            ("revokedAt", .date(key.revokedAt)),
            ("state", .string(key.state(at: now).rawValue)),
            ("id", .int(key.id)),
        ])
    }

    /// An institution with its accounts.
    public static func institution(_ institution: Institution, _ accounts: [Account]) -> JSONValue {
        .object([
            ("id", .string(institution.id.rawValue)),
            ("name", .string(institution.name)),
            ("timeZone", .string(institution.timeZone)),
            (
                "contacts",
                .array(
                    institution.contacts.map {
                        .object([("name", .optional($0.name)), ("email", .string($0.email))])
                    })
            ),
            (
                "accounts",
                .array(
                    accounts.map {
                        .object([("username", .string($0.username)), ("environment", .string($0.environment.rawValue))])
                    })
            ),
            ("createdAt", .date(institution.createdAt)),
        ])
    }

    /// An account's schedule, notifications and limits (the webhook secret is never shown, only whether it is set).
    public static func settings(_ s: AccountSettings, timeZone: String) -> JSONValue {
        .object([
            ("publishAt", .string(s.publishAt.description)),
            ("deadline", .string(s.deadline.description)),
            ("days", .array(s.days.map { .string($0.shortName) })),
            ("timeZone", .string(timeZone)),
            ("webhook", .optional(s.webhookURL)),
            ("webhookSecretSet", .bool(s.webhookSecret != nil)),
            ("notifyEmails", .array(s.notifyEmails.map(JSONValue.string))),
            ("digest", .bool(s.digest)),
            ("settleSeconds", s.settleSeconds.map { .int($0) } ?? .null),
            ("thresholdPercent", .int(s.thresholdPercent)),
            ("maxFileSize", .int(s.maxFileSize.bytes)),
            ("quota", .int(s.quota.bytes)),
            ("maxFilesPerDay", .int(s.maxFilesPerDay)),
            ("retentionDays", .int(s.retentionDays)),
            ("maxSessions", .int(s.maxSessions)),
        ])
    }

    /// The virtual folders an account sees.
    public static func folders(_ f: FolderLayout) -> JSONValue {
        .object([
            ("students", .string(f.studentsFile)), ("archive", .string(f.archive)), ("inbound", .string(f.inbound)),
            ("validate", .string(f.validate)), ("results", .string(f.results)),
        ])
    }

    /// A pause window (both days included).
    public static func pause(_ p: PauseWindow) -> JSONValue {
        .object([("from", .string(p.first.description)), ("to", .string(p.last.description))])
    }

    /// A banned address.
    public static func ban(_ b: AddressBan) -> JSONValue {
        .object([
            ("address", .string(b.address)), ("until", .date(b.until)), ("seconds", .int(Int(b.duration))),
            ("count", .int(b.count)), ("bannedAt", .date(b.bannedAt)),
        ])
    }

    /// A publication of `students.csv`.
    public static func publication(_ p: Publication) -> JSONValue {
        .object([
            ("account", .string(p.account)), ("date", .string(p.localDate)), ("students", .int(p.students)),
            ("sha256", .string(p.sha256)), ("publishedAt", .date(p.publishedAt)),
        ])
    }

    /// One audit log entry.
    public static func audit(_ e: AuditEntry) -> JSONValue {
        .object([
            ("id", .int(e.id)), ("at", .date(e.at)), ("account", .optional(e.account)),
            ("actor", .string(e.actor)), ("event", .string(e.event)),
            ("address", .optional(e.address)), ("detail", .string(e.detail)),
        ])
    }

    /// A notification event with its deliveries and every attempt.
    public static func notification(_ entry: NotificationHistoryEntry) -> JSONValue {
        let e = entry.event
        return .object([
            ("id", .string(e.uid)), ("event", .string(e.kind)), ("account", .string(e.account)),
            ("occurredAt", .date(e.occurredAt)), ("summary", .string(e.summary)),
            ("deliveries", .array(entry.deliveries.map { delivery($0, attempts: entry.attempts) })),
        ])
    }

    private static func delivery(_ d: StoredDelivery, attempts: [StoredDeliveryAttempt]) -> JSONValue {
        .object([
            ("id", .int(d.id)), ("channel", .string(d.channel.rawValue)), ("target", .string(d.target)),
            ("status", .string(d.status.rawValue)), ("attempts", .int(d.attempts)),
            ("nextAttemptAt", .date(d.status == .pending ? d.nextAttemptAt : nil)),
            ("lastAttemptAt", .date(d.lastAttemptAt)), ("finishedAt", .date(d.finishedAt)),
            ("lastError", .optional(d.lastError)),
            (
                "history",
                .array(
                    attempts.filter { $0.deliveryID == d.id }.map { a in
                        .object([
                            ("attempt", .int(a.attempt)), ("at", .date(a.at)), ("target", .string(a.target)),
                            ("outcome", .string(a.succeeded ? "delivered" : "failed")),
                            ("statusCode", a.statusCode.map { .int($0) } ?? .null), ("error", .optional(a.error)),
                        ])
                    })
            ),
        ])
    }
}
