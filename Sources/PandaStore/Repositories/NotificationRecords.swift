import Foundation

/// How a notification reaches an account's contacts.
public enum DeliveryChannel: String, Sendable, CaseIterable {
    /// A signed JSON POST to the account's webhook URL.
    case webhook
    /// One e-mail per event to the account's notification addresses.
    case email
    /// A line in the account's daily e-mail digest.
    case digest
}

/// Where a delivery stands.
public enum DeliveryStatus: String, Sendable, CaseIterable {
    /// Waiting for its next attempt (`nextAttemptAt`).
    case pending
    case delivered
    /// Given up after the last attempt of the retry schedule, or refused for good by the receiver.
    case failed
    /// Not attempted, with the reason in `lastError` (e.g. no SMTP server configured).
    case skipped
}

/// An event as the notification service records it, before it has an id.
public struct NewNotification: Sendable, Equatable {
    /// The public id, sent as `id` in the webhook body.
    public var uid: String
    public var kind: String
    public var account: String
    public var occurredAt: Date
    public var summary: String
    /// The exact webhook body, so every attempt sends the same bytes.
    public var body: String
    /// The details as `key: value` lines, for e-mail.
    public var detailsText: String

    public init(
        uid: String, kind: String, account: String, occurredAt: Date, summary: String, body: String,
        detailsText: String
    ) {
        self.uid = uid
        self.kind = kind
        self.account = account
        self.occurredAt = occurredAt
        self.summary = summary
        self.body = body
        self.detailsText = detailsText
    }
}

/// A recorded event: the event and the id the store gave it; its fields read as the event's
/// (`stored.kind`, `stored.body`).
@dynamicMemberLookup
public struct StoredNotification: Sendable, Equatable {
    public var id: Int64
    public var event: NewNotification

    public init(id: Int64, event: NewNotification) {
        self.id = id
        self.event = event
    }

    public subscript<T>(dynamicMember field: KeyPath<NewNotification, T>) -> T { event[keyPath: field] }
}

/// A delivery to create with an event: pending (due at `nextAttemptAt`) or skipped with a reason.
public struct NewDelivery: Sendable, Equatable {
    public var channel: DeliveryChannel
    /// What an operator reads as the destination: a webhook's origin, or the e-mail addresses.
    public var target: String
    public var status: DeliveryStatus
    public var nextAttemptAt: Date?
    /// Why a skipped delivery was skipped.
    public var note: String?

    public static func pending(_ channel: DeliveryChannel, target: String, dueAt: Date) -> NewDelivery {
        NewDelivery(channel: channel, target: target, status: .pending, nextAttemptAt: dueAt, note: nil)
    }

    public static func skipped(_ channel: DeliveryChannel, target: String, reason: String) -> NewDelivery {
        NewDelivery(channel: channel, target: target, status: .skipped, nextAttemptAt: nil, note: reason)
    }
}

/// A recorded delivery with its event.
public struct StoredDelivery: Sendable, Equatable {
    public var id: Int64
    public var event: StoredNotification
    public var channel: DeliveryChannel
    public var target: String
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var lastError: String?
    public var finishedAt: Date?

    public init(
        id: Int64, event: StoredNotification, channel: DeliveryChannel, target: String, status: DeliveryStatus,
        attempts: Int, nextAttemptAt: Date?, lastAttemptAt: Date?, lastError: String?, finishedAt: Date?
    ) {
        self.id = id
        self.event = event
        self.channel = channel
        self.target = target
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.finishedAt = finishedAt
    }

    public var account: String { event.account }
}

/// The outcome of one attempt, and what follows from it.
public struct DeliveryAttemptResult: Sendable {
    public var at: Date
    /// The destination actually used (it may have changed since the delivery was created).
    public var target: String
    public var succeeded: Bool
    /// The HTTP status or SMTP reply code, when the receiver answered.
    public var statusCode: Int?
    public var error: String?
    /// When to try again; nil ends the delivery (delivered, or failed for good).
    public var retryAt: Date?

    public init(
        at: Date, target: String, succeeded: Bool, statusCode: Int? = nil, error: String? = nil, retryAt: Date? = nil
    ) {
        self.at = at
        self.target = target
        self.succeeded = succeeded
        self.statusCode = statusCode
        self.error = error
        self.retryAt = retryAt
    }
}

/// One recorded attempt, for the operator's history.
public struct StoredDeliveryAttempt: Sendable, Equatable {
    public var deliveryID: Int64
    public var attempt: Int
    public var at: Date
    public var target: String
    public var succeeded: Bool
    public var statusCode: Int?
    public var error: String?
}

/// An event with its deliveries, as `panda notifications` shows it.
public struct NotificationHistoryEntry: Sendable {
    public var event: StoredNotification
    public var deliveries: [StoredDelivery]
    public var attempts: [StoredDeliveryAttempt]
}

/// A registered key that enters its expiry window and has not been announced yet.
public struct ExpiringKey: Sendable, Equatable {
    public var id: Int64
    public var account: String
    public var algorithm: String
    public var fingerprint: String
    public var comment: String
    public var expiresAt: Date
}
