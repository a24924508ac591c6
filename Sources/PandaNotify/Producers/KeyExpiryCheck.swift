import Foundation
import PandaCore
import PandaStore

/// Announces each registered key once, when its expiry comes within the notice period (14 days).
///
/// The announcement and its event are recorded in one transaction, keyed by the key, so a key is
/// announced once however often the check runs, even across restarts.
struct KeyExpiryCheck: Sendable {
    let store: Store
    let recorder: NotificationRecorder
    let notice: TimeInterval
    let clock: any WallClock
    let logger: Logger

    /// Announces the keys that entered the window since the last run; returns how many.
    @discardableResult
    func run() throws -> Int {
        let now = clock.now()
        var announced = 0
        for key in try store.notifications.unannouncedExpiringKeys(after: now, through: now.addingTimeInterval(notice))
        {
            let event = Self.event(for: key, at: now)
            guard let (stored, deliveries) = try recorder.prepare(event) else { continue }
            if try store.notifications.recordKeyExpiry(keyID: key.id, stored, deliveries: deliveries, at: now) {
                announced += 1
                logger.info(
                    "key_expiring",
                    ["account": key.account, "key": key.fingerprint, "expires": Timestamp.iso8601(key.expiresAt)])
            }
        }
        return announced
    }

    static func event(for key: ExpiringKey, at now: Date) -> NotificationEvent {
        let days = max(1, Int((key.expiresAt.timeIntervalSince(now) / 86_400).rounded(.up)))
        let comment = key.comment.isEmpty ? "" : " (\(key.comment))"
        return NotificationEvent(
            kind: .keyExpiring, account: key.account, occurredAt: now,
            summary:
                "Key \(key.fingerprint)\(comment) of \(key.account) expires in \(days) day\(days == 1 ? "" : "s"),"
                + " at \(Timestamp.iso8601(key.expiresAt))",
            details: [
                ("fingerprint", .string(key.fingerprint)), ("algorithm", .string(key.algorithm)),
                ("comment", .string(key.comment)), ("expiresAt", .date(key.expiresAt)), ("daysLeft", .int(days)),
            ])
    }
}
