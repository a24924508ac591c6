import Foundation
import PandaCore
import PandaStore

/// Turns a producer's event into a stored event with its planned deliveries.
struct NotificationRecorder: Sendable {
    let store: Store
    let planner: DeliveryPlanner
    let clock: any WallClock

    /// The event as stored (with its webhook body rendered once) and its deliveries; nil when the
    /// account does not exist.
    func prepare(_ event: NotificationEvent) throws -> (NewNotification, [NewDelivery])? {
        guard let account = try NotifiedAccount.load(event.account, from: store) else { return nil }
        let uid = UUID().uuidString.lowercased()
        let body = WebhookBody.render(
            id: uid, event: event, institution: account.institution, environment: account.environment)
        let stored = NewNotification(
            uid: uid, kind: event.kind.rawValue, account: event.account, occurredAt: event.occurredAt,
            summary: event.summary, body: body, detailsText: DetailText.lines(event.details))
        return (stored, planner.deliveries(for: account.account, zone: account.zone, at: clock.now()))
    }

    /// Records the event and its deliveries; returns how many deliveries are pending, or nil when the
    /// account does not exist.
    func record(_ event: NotificationEvent) throws -> Int? {
        guard let (stored, deliveries) = try prepare(event) else { return nil }
        try store.notifications.record(stored, deliveries: deliveries, at: clock.now())
        return deliveries.filter { $0.status == .pending }.count
    }
}
