import Foundation
import PandaCore

extension Store {
    /// Notification events, their deliveries and every attempt (written by PandaNotify).
    public var notifications: NotificationRepository { NotificationRepository(database: database) }
}

/// Notification events, their deliveries and attempts, and which key expiries were announced.
///
/// A delivery's end (delivered, failed, skipped) is written with its audit line in one transaction.
public struct NotificationRepository: Sendable {
    let database: any Database

    /// Records an event and its deliveries together; returns the event's row id.
    @discardableResult
    public func record(_ event: NewNotification, deliveries: [NewDelivery], at now: Date) throws -> Int64 {
        try database.write { db in try Self.insert(event, deliveries: deliveries, at: now, into: db) }
    }

    /// Records the announcement of a key's coming expiry with its event, once per key: false (and nothing
    /// recorded) when the key was announced already.
    public func recordKeyExpiry(
        keyID: Int64, _ event: NewNotification, deliveries: [NewDelivery], at now: Date
    ) throws -> Bool {
        try database.write { db in
            let inserted = try db.execute(
                "INSERT INTO key_expiry_notices (key_id, notified_at) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                keyID, now)
            guard inserted == 1 else { return false }
            try Self.insert(event, deliveries: deliveries, at: now, into: db)
            return true
        }
    }

    /// Unrevoked keys expiring after `now` and no later than `horizon` that were not announced yet.
    public func unannouncedExpiringKeys(after now: Date, through horizon: Date) throws -> [ExpiringKey] {
        try database.read { db in
            try db.query(
                """
                SELECT k.id, k.account, k.algorithm, k.fingerprint, k.comment, k.expires_at FROM public_keys k
                WHERE k.revoked_at IS NULL AND k.expires_at > ? AND k.expires_at <= ?
                    AND NOT EXISTS (SELECT 1 FROM key_expiry_notices n WHERE n.key_id = k.id)
                ORDER BY k.expires_at, k.id
                """, now, horizon
            ).map {
                ExpiringKey(
                    id: $0.int64(0), account: $0.string(1), algorithm: $0.string(2), fingerprint: $0.string(3),
                    comment: $0.string(4), expiresAt: $0.date(5))
            }
        }
    }

    /// Pending deliveries due at `now`, oldest due first.
    public func due(at now: Date, limit: Int = 100) throws -> [StoredDelivery] {
        try database.read { db in
            try db.query(
                Self.selectDeliveries
                    + " WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?",
                now, limit
            ).map(Self.delivery(from:))
        }
    }

    /// When the next pending delivery is due, if any.
    public func nextDueAt() throws -> Date? {
        try database.read { db in
            try db.queryOne("SELECT MIN(next_attempt_at) FROM notification_deliveries WHERE status = 'pending'")?
                .optionalDate(0)
        }
    }

    /// Records one attempt of `delivery`: delivered, to be retried at `result.retryAt`, or failed for good.
    public func recordAttempt(of delivery: StoredDelivery, _ result: DeliveryAttemptResult) throws {
        try database.write { db in
            let attempt = delivery.attempts + 1
            try db.execute(
                """
                INSERT INTO notification_attempts (delivery_id, attempt, at, target, outcome, status_code, error)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    delivery.id, attempt, result.at, result.target, result.succeeded ? "delivered" : "failed",
                    result.statusCode, result.error,
                ])
            let status: DeliveryStatus = result.succeeded ? .delivered : (result.retryAt == nil ? .failed : .pending)
            let finished = status == .pending ? nil : result.at
            try db.execute(
                """
                UPDATE notification_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,
                    last_error = ?, target = ?, finished_at = ?
                WHERE id = ?
                """,
                [
                    status.rawValue, attempt, status == .pending ? result.retryAt : nil, result.at, result.error,
                    result.target, finished, delivery.id,
                ])
            if status != .pending {
                var ended = delivery
                ended.attempts = attempt
                ended.target = result.target
                try Self.audit(ended, status: status, error: result.error, at: result.at, into: db)
            }
        }
    }

    /// Ends a pending delivery without attempting it, with the reason.
    public func skip(_ delivery: StoredDelivery, reason: String, at now: Date) throws {
        try database.write { db in
            try db.execute(
                """
                UPDATE notification_deliveries SET status = 'skipped', next_attempt_at = NULL, last_error = ?,
                    finished_at = ?
                WHERE id = ? AND status = 'pending'
                """, reason, now, delivery.id)
            try Self.audit(delivery, status: .skipped, error: reason, at: now, into: db)
        }
    }

    /// The newest `limit` events (of one account when given), newest first, with deliveries and attempts.
    public func history(account: String? = nil, limit: Int = 50) throws -> [NotificationHistoryEntry] {
        try database.read { db in
            let events: [StoredNotification]
            if let account {
                events = try db.query(
                    Self.selectEvents + " WHERE e.account = ? ORDER BY e.id DESC LIMIT ?", account, limit
                ).map { Self.event(from: $0) }
            } else {
                events = try db.query(Self.selectEvents + " ORDER BY e.id DESC LIMIT ?", limit).map {
                    Self.event(from: $0)
                }
            }
            return try events.map { event in
                let deliveries = try db.query(Self.selectDeliveries + " WHERE d.event_id = ? ORDER BY d.id", event.id)
                    .map(Self.delivery(from:))
                let attempts = try db.query(
                    """
                    SELECT a.delivery_id, a.attempt, a.at, a.target, a.outcome, a.status_code, a.error
                    FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
                    WHERE d.event_id = ? ORDER BY a.delivery_id, a.attempt
                    """, event.id
                ).map {
                    StoredDeliveryAttempt(
                        deliveryID: $0.int64(0), attempt: $0.int(1), at: $0.date(2), target: $0.string(3),
                        succeeded: $0.string(4) == "delivered", statusCode: $0.optionalInt64(5).map(Int.init),
                        error: $0.optionalString(6))
                }
                return NotificationHistoryEntry(event: event, deliveries: deliveries, attempts: attempts)
            }
        }
    }

    // MARK: - Rows

    @discardableResult
    static func insert(
        _ event: NewNotification, deliveries: [NewDelivery], at now: Date, into db: any SQLConnection
    ) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO notification_events (uid, account, kind, occurred_at, summary, body, details_text, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                event.uid, event.account, event.kind, event.occurredAt, event.summary, event.body, event.detailsText,
                now,
            ])
        let eventID = db.lastInsertID
        let stored = StoredNotification(id: eventID, event: event)
        for delivery in deliveries {
            let finished = delivery.status == .pending ? nil : now
            try db.execute(
                """
                INSERT INTO notification_deliveries (event_id, account, channel, target, status, next_attempt_at,
                    last_error, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    eventID, event.account, delivery.channel.rawValue, delivery.target, delivery.status.rawValue,
                    delivery.nextAttemptAt, delivery.note, finished,
                ])
            if delivery.status == .skipped {
                let skipped = StoredDelivery(
                    id: db.lastInsertID, event: stored, channel: delivery.channel, target: delivery.target,
                    status: .skipped, attempts: 0, nextAttemptAt: nil, lastAttemptAt: nil, lastError: delivery.note,
                    finishedAt: now)
                try audit(skipped, status: .skipped, error: delivery.note, at: now, into: db)
            }
        }
        return eventID
    }

    /// The audit line of a delivery's end. E-mail addresses are counted, not listed; a webhook's target is
    /// its origin only (paths often hold tokens).
    static func audit(
        _ delivery: StoredDelivery, status: DeliveryStatus, error: String?, at now: Date, into db: any SQLConnection
    ) throws {
        var detail =
            "delivery=\(delivery.id) channel=\(delivery.channel.rawValue) event=\(delivery.event.kind)"
            + " id=\(delivery.event.uid) attempts=\(delivery.attempts)"
        switch delivery.channel {
        case .webhook: detail += " target=\(Logger.quotedValue(delivery.target))"
        case .email, .digest:
            detail += " recipients=\(delivery.target.split(separator: ",").count)"
        }
        if let error { detail += " error=\(Logger.quotedValue(String(error.prefix(200))))" }
        try AuditRepository.insert(
            AuditEntry(
                at: now, account: delivery.account, actor: "notify", event: "notify.\(status.rawValue)",
                detail: detail),
            into: db)
    }

    static let selectEvents = """
        SELECT e.id, e.uid, e.kind, e.account, e.occurred_at, e.summary, e.body, e.details_text
        FROM notification_events e
        """

    static func event(from row: SQLRow, offset: Int = 0) -> StoredNotification {
        StoredNotification(
            id: row.int64(offset),
            event: NewNotification(
                uid: row.string(offset + 1), kind: row.string(offset + 2), account: row.string(offset + 3),
                occurredAt: row.date(offset + 4), summary: row.string(offset + 5), body: row.string(offset + 6),
                detailsText: row.string(offset + 7)))
    }

    static let selectDeliveries = """
        SELECT d.id, d.channel, d.target, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_error,
            d.finished_at, e.id, e.uid, e.kind, e.account, e.occurred_at, e.summary, e.body, e.details_text
        FROM notification_deliveries d JOIN notification_events e ON e.id = d.event_id
        """

    static func delivery(from row: SQLRow) throws -> StoredDelivery {
        guard let channel = DeliveryChannel(rawValue: row.string(1)),
            let status = DeliveryStatus(rawValue: row.string(3))
        else {
            throw StoreError.invalid("stored delivery \(row.int64(0)) has unknown channel or status")
        }
        return StoredDelivery(
            id: row.int64(0), event: event(from: row, offset: 9), channel: channel, target: row.string(2),
            status: status, attempts: row.int(4), nextAttemptAt: row.optionalDate(5),
            lastAttemptAt: row.optionalDate(6),
            lastError: row.optionalString(7), finishedAt: row.optionalDate(8))
    }
}
