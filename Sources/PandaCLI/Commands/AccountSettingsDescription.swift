import PandaCore
import PandaExchange

/// How an account's schedule, notifications and limits are shown (text and JSON).
enum AccountSettingsDescription {
    static func lines(_ s: AccountSettings, timeZone: String) -> [String] {
        [
            "publish at      \(s.publishAt) \(timeZone)",
            "deadline        \(s.deadline) \(timeZone)",
            "days            \(s.days.map(\.shortName).joined(separator: ","))",
            "time zone       \(timeZone)" + (s.timeZone == nil ? " (the institution's)" : " (this account's)"),
            "webhook         \(s.webhookURL ?? "none")" + (s.webhookSecret == nil ? "" : " (secret set)"),
            "notify e-mail   \(s.notifyEmails.isEmpty ? "none" : s.notifyEmails.joined(separator: ", "))",
            "digest          \(s.digest ? "on" : "off")",
            "settle time     \(s.settleSeconds.map { "\($0) s" } ?? "server default")",
            "threshold       \(s.thresholdPercent) % of active students",
            "max file size   \(s.maxFileSize)",
            "quota           \(s.quota)",
            "files per day   \(s.maxFilesPerDay)",
            "retention       \(s.retentionDays) days",
            "max sessions    \(s.maxSessions)",
        ]
    }

    static func json(_ s: AccountSettings, timeZone: String) -> JSONValue {
        OperatorJSON.settings(s, timeZone: timeZone)
    }
}
