import Foundation
import PandaCore
import PandaStore

/// Attempts the deliveries that are due and records each outcome: delivered, retried later on the
/// schedule, failed for good, or skipped (no channel any more, no mail server).
///
/// Each attempt reads the account again, so a corrected webhook URL, secret or address list applies to
/// the retries of earlier events.
struct DeliveryWorker: Sendable {
    let store: Store
    let configuration: NotificationConfiguration
    let poster: any HTTPPoster
    let mailer: any MailSender
    let clock: any WallClock
    let logger: Logger

    /// Attempts every delivery due now, in batches; returns how many deliveries were handled.
    /// `shouldContinue` is asked between sends, so a stopping server does not start new ones.
    @discardableResult
    func deliverDue(shouldContinue: () -> Bool = { true }) throws -> Int {
        var handled = 0
        while shouldContinue() {
            let due = try store.notifications.due(at: clock.now(), limit: 100)
            if due.isEmpty { break }
            var accounts: [String: NotifiedAccount?] = [:]
            for batch in DeliveryBatch.group(due) {
                guard shouldContinue() else { break }
                let username = batch.account
                if accounts[username] == nil {
                    accounts[username] = .some(try NotifiedAccount.load(username, from: store))
                }
                guard let account = accounts[username] ?? nil else {
                    for delivery in batch.deliveries {
                        try store.notifications.skip(delivery, reason: "the account no longer exists", at: clock.now())
                    }
                    continue
                }
                switch batch {
                case .single(let delivery) where delivery.channel == .webhook:
                    try deliverWebhook(delivery, account: account)
                case .single(let delivery):
                    try deliverMail([delivery], account: account)
                case .digest(_, let lines):
                    try deliverMail(lines, account: account)
                }
                handled += batch.deliveries.count
            }
        }
        return handled
    }

    private func deliverWebhook(_ delivery: StoredDelivery, account: NotifiedAccount) throws {
        guard let url = account.account.settings.webhookURL else {
            try skip([delivery], reason: "the account no longer has a webhook URL")
            return
        }
        let request = WebhookRequest.make(
            url: url, body: delivery.event.body, secret: account.account.settings.webhookSecret,
            eventKind: delivery.event.kind, eventID: delivery.event.uid, deliveryID: delivery.id,
            attempt: delivery.attempts + 1, timeout: configuration.webhookTimeout)
        let outcome: Result<Int?, TransferError>
        do throws(TransferError) {
            outcome = .success(try poster.post(request))
        } catch {
            outcome = .failure(error)
        }
        try record([delivery], outcome, target: WebhookRequest.origin(of: url))
    }

    /// Sends one mail: for one event, or the digest of several.
    private func deliverMail(_ deliveries: [StoredDelivery], account: NotifiedAccount) throws {
        let recipients = account.account.settings.notifyEmails
        guard !recipients.isEmpty else {
            try skip(deliveries, reason: "the account no longer has notification addresses")
            return
        }
        guard let smtp = configuration.smtp else {
            try skip(deliveries, reason: NotificationConfiguration.noSMTPReason)
            return
        }
        let now = clock.now()
        let envelope =
            deliveries.count == 1 && deliveries[0].channel == .email
            ? NotificationMail.single(
                deliveries[0].event, account: account, from: configuration.mailFrom, to: recipients, now: now)
            : NotificationMail.digest(
                deliveries.map(\.event), account: account, from: configuration.mailFrom, to: recipients, now: now)
        let outcome: Result<Int?, TransferError>
        do throws(TransferError) {
            try mailer.send(envelope, via: smtp, timeout: configuration.mailTimeout)
            outcome = .success(nil)
        } catch {
            outcome = .failure(error)
        }
        try record(deliveries, outcome, target: recipients.joined(separator: ","))
    }

    private func record(_ deliveries: [StoredDelivery], _ outcome: Result<Int?, TransferError>, target: String) throws {
        let now = clock.now()
        for delivery in deliveries {
            let attempt = delivery.attempts + 1
            let fields: KeyValuePairs<String, String> = [
                "account": delivery.account, "channel": delivery.channel.rawValue, "kind": delivery.event.kind,
                "delivery": String(delivery.id), "attempt": String(attempt),
            ]
            switch outcome {
            case .success(let status):
                try store.notifications.recordAttempt(
                    of: delivery,
                    DeliveryAttemptResult(at: now, target: target, succeeded: true, statusCode: status))
                logger.with(fields).info("delivered", status.map { ["status": String($0)] } ?? [:])
            case .failure(let error):
                let delay = error.isPermanent ? nil : configuration.retry.delay(afterFailedAttempt: attempt)
                let retryAt = delay.map { now.addingTimeInterval($0.seconds) }
                try store.notifications.recordAttempt(
                    of: delivery,
                    DeliveryAttemptResult(
                        at: now, target: target, succeeded: false, statusCode: error.statusCode,
                        error: error.description, retryAt: retryAt))
                if let retryAt {
                    logger.with(fields).warning(
                        "attempt_failed", ["error": error.description, "retry_at": Timestamp.iso8601(retryAt)])
                } else {
                    logger.with(fields).error("gave_up", ["error": error.description])
                }
            }
        }
    }

    private func skip(_ deliveries: [StoredDelivery], reason: String) throws {
        for delivery in deliveries {
            try store.notifications.skip(delivery, reason: reason, at: clock.now())
            logger.info(
                "skipped",
                [
                    "account": delivery.account, "channel": delivery.channel.rawValue, "delivery": String(delivery.id),
                    "reason": reason,
                ])
        }
    }
}
