import Foundation
import PandaCore

extension NotificationEvent {
    /// `cycle.missed`: the deadline of `day` passed with nothing uploaded. When the server was down at the
    /// publish time or the deadline, the sentence says so: the institution may not have been able to connect.
    static func cycleMissed(
        account: String, day: LocalDate, deadline: Date, schedule: AccountCalendar, published: Bool,
        retrieved: Bool, serverWasDown: Bool, at instant: Date
    ) -> NotificationEvent {
        let local = "\(schedule.account.settings.deadline) \(schedule.timeZoneName)"
        var summary = "\(account): nothing was uploaded for the \(day) cycle by its deadline (\(local))"
        if serverWasDown {
            summary += "; the Panda server was down at the time, so the institution may not have been able to connect"
        } else if !published {
            summary += "; students.csv could not be published for it"
        }
        return NotificationEvent(
            kind: .cycleMissed, account: account, occurredAt: instant, summary: summary,
            details: [
                ("day", .string(day.description)), ("deadline", .date(deadline)),
                ("deadlineLocal", .string(schedule.account.settings.deadline.description)),
                ("timeZone", .string(schedule.timeZoneName)), ("serverWasDown", .bool(serverWasDown)),
                ("published", .bool(published)), ("retrieved", .bool(retrieved)),
            ])
    }
}
