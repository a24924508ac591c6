/// An account's schedule, notification channels and limits (`panda account set`).
///
/// Optional fields fall back to a server-wide default (`nil` settle time uses `panda serve --settle`).
public struct AccountSettings: Hashable, Sendable {
    public var publishAt = TimeOfDay(hour: 5, minute: 0)
    public var deadline = TimeOfDay(hour: 12, minute: 0)
    public var days: [Weekday] = Weekday.workdays
    /// Overrides the institution's time zone when set.
    public var timeZone: String?
    public var webhookURL: String?
    /// Key for the `X-Panda-Signature` HMAC; shown only as "set" once stored.
    public var webhookSecret: String?
    public var notifyEmails: [String] = []
    public var digest = false
    public var settleSeconds: Int?
    public var thresholdPercent = 20
    public var maxFileSize = ByteCount(2 << 30)
    public var quota = ByteCount(10 << 30)
    public var maxFilesPerDay = 500
    public var retentionDays = 90
    public var maxSessions = 10

    public init() {}
}
