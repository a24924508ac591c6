import Foundation

/// How the notification service delivers: `panda serve --smtp-url/--mail-from`, and the timings, which
/// tests shorten.
public struct NotificationConfiguration: Sendable {
    /// The mail server; nil records every e-mail delivery as skipped (with the reason), never retried.
    public var smtp: SMTPServer?
    /// The sender of notification e-mail.
    public var mailFrom: String
    public var retry: RetrySchedule = .standard
    public var digest: DigestSchedule = DigestSchedule()
    /// Time limit of one webhook POST.
    public var webhookTimeout: Duration = .seconds(15)
    /// Time limit of one SMTP conversation.
    public var mailTimeout: Duration = .seconds(60)
    /// How often registered keys are checked for a coming expiry (also once at start).
    public var keyCheckInterval: Duration = .seconds(3600)
    /// A key is announced once when its expiry comes this close.
    public var keyExpiryNotice: TimeInterval = 14 * 86_400
    /// The longest the delivery thread sleeps before looking at the store again (it is woken at once for
    /// new events; this catches deliveries another process queued).
    public var idlePoll: Duration = .seconds(30)

    public init(smtp: SMTPServer?, mailFrom: String) {
        self.smtp = smtp
        self.mailFrom = mailFrom
    }

    /// The reason recorded on e-mail deliveries when no mail server is configured.
    static let noSMTPReason = "no SMTP server configured (start panda serve with --smtp-url)"
}
