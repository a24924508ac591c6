import Foundation
import PandaCore
import PandaStore

/// The text of notification e-mail: one mail per event, or one daily digest per account.
///
/// Written for an institution's IT contact: what happened, when (in the account's time zone), the
/// details, and what to do about it.
enum NotificationMail {
    /// The mail for one event; its subject is the event's summary.
    static func single(
        _ event: StoredNotification, account: NotifiedAccount, from: String, to recipients: [String], now: Date
    ) -> MailEnvelope {
        var body = "\(event.summary)\n\n"
        body += "Account:  \(describe(account))\n"
        body += "When:     \(localTime(event.occurredAt, zone: account.zone))\n"
        body += "Event:    \(event.kind)\n"
        if !event.detailsText.isEmpty {
            body += "\nDetails:\n" + indented(event.detailsText) + "\n"
        }
        body += "\nWhat to do:\n" + indented(wrapped(EventAdvice.text(for: event.kind))) + "\n"
        body += footer(account: account, ids: [event.uid])
        let message = MailMessage(
            from: from, to: recipients, subject: "[Panda] \(account.username): \(event.summary)", date: now,
            messageID: "\(event.uid)@\(domain(of: from))", body: body, extraHeaders: [("X-Panda-Event", event.kind)])
        return MailEnvelope(from: from, recipients: recipients, message: message.rendered())
    }

    /// One mail listing `events` (oldest first), with the advice for each kind that occurs once at the end.
    static func digest(
        _ events: [StoredNotification], account: NotifiedAccount, from: String, to recipients: [String], now: Date
    ) -> MailEnvelope {
        let sorted = events.sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
        let count = sorted.count == 1 ? "1 notification" : "\(sorted.count) notifications"
        var body = "Daily digest for \(describe(account)): \(count) since the last digest.\n"
        for (index, event) in sorted.enumerated() {
            body += "\n\(index + 1). \(event.summary)\n"
            body += "   When:  \(localTime(event.occurredAt, zone: account.zone))\n"
            body += "   Event: \(event.kind)\n"
            if !event.detailsText.isEmpty { body += indented(event.detailsText, by: "   ") + "\n" }
        }
        var kinds: [String] = []
        for event in sorted where !kinds.contains(event.kind) { kinds.append(event.kind) }
        body += "\nWhat to do:\n"
        for kind in kinds {
            body += indented(wrapped("\(kind): \(EventAdvice.text(for: kind))")) + "\n"
        }
        body += footer(account: account, ids: sorted.map(\.uid))
        let day = LocalDate(now, in: account.zone)
        let message = MailMessage(
            from: from, to: recipients, subject: "[Panda] \(account.username): daily digest, \(count) (\(day))",
            date: now, messageID: "digest-\(UUID().uuidString.lowercased())@\(domain(of: from))", body: body,
            extraHeaders: [("X-Panda-Event", "digest")])
        return MailEnvelope(from: from, recipients: recipients, message: message.rendered())
    }

    /// `2026-12-04 12:00 America/Chicago (2026-12-04T18:00:00Z)`.
    static func localTime(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let local = String(
            format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        return "\(local) \(zone.identifier) (\(Timestamp.iso8601(date)))"
    }

    private static func describe(_ account: NotifiedAccount) -> String {
        "\(account.username) (institution \(account.institution), \(account.environment) environment)"
    }

    private static func footer(account: NotifiedAccount, ids: [String]) -> String {
        "\n-- \nSent by Panda to the notification addresses of \(account.username)."
            + " To get one daily digest instead of a mail per event, or to change the addresses, ask the"
            + " operator of the exchange.\nEvent id\(ids.count == 1 ? "" : "s"): \(ids.joined(separator: ", "))\n"
    }

    private static func indented(_ text: String, by prefix: String = "  ") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }

    /// Wraps prose at 72 columns.
    static func wrapped(_ text: String, width: Int = 72) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    private static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "panda.invalid"
    }
}
