import Foundation
import PandaCore
import PandaStore

/// Decides which deliveries an event gets from the account's settings: a webhook delivery when it has a
/// webhook URL; an e-mail, or a line in the next daily digest, when it has notification addresses.
struct DeliveryPlanner: Sendable {
    let configuration: NotificationConfiguration

    func deliveries(for account: Account, zone: TimeZone, at now: Date) -> [NewDelivery] {
        var planned: [NewDelivery] = []
        if let url = account.settings.webhookURL {
            planned.append(.pending(.webhook, target: WebhookRequest.origin(of: url), dueAt: now))
        }
        let addresses = account.settings.notifyEmails
        if !addresses.isEmpty {
            let channel: DeliveryChannel = account.settings.digest ? .digest : .email
            let target = addresses.joined(separator: ",")
            if configuration.smtp == nil {
                planned.append(.skipped(channel, target: target, reason: NotificationConfiguration.noSMTPReason))
            } else {
                let due = channel == .digest ? configuration.digest.nextSending(after: now, in: zone) : now
                planned.append(.pending(channel, target: target, dueAt: due))
            }
        }
        return planned
    }
}
