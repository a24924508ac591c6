import Foundation
import PandaCore

/// Settings to change, by their `account set` option names, parsed and checked together.
public struct AccountSettingsChange: Sendable {
    /// Every setting that can be changed, in the order `account set` lists them.
    public static let names =
        [
            "publish-at", "deadline", "days", "timezone", "webhook", "webhook-secret", "notify-email", "digest",
            "settle", "threshold", "max-file-size", "quota", "max-files-per-day", "retention-days", "max-sessions",
        ] + FolderLayoutChange.options.map(\.name)

    let changes: [(name: String, text: String)]

    public init(_ changes: [(name: String, text: String)]) { self.changes = changes }

    /// Parses every change into `account` (its settings and folder paths) and returns the names changed;
    /// throws (leaving the caller's transaction to roll back) on the first invalid value.
    public func apply(to account: inout Account) throws -> [String] {
        let folderOptions = FolderLayoutChange.options
        let isFolder = { (change: (name: String, text: String)) in folderOptions.contains { $0.name == change.name } }
        var changed = try AccountSettingsChange(changes.filter { !isFolder($0) }).apply(to: &account.settings)
        for (name, text) in changes.filter(isFolder) {
            guard let option = folderOptions.first(where: { $0.name == name }) else { continue }
            let standard = FolderLayout.standard[keyPath: option.folder]
            account.folders[keyPath: option.folder] =
                text == "-" ? standard : try FolderLayoutChange.path(text, option: name)
            changed.append(name)
        }
        try FolderLayoutChange.validate(account.folders)
        if account.settings.deadline <= account.settings.publishAt {
            throw DomainError.deadlineNotAfterPublish(
                deadline: account.settings.deadline, publishAt: account.settings.publishAt)
        }
        return changed
    }

    /// Parses every schedule, notification and limit change into `s` (folder paths are refused here) and
    /// returns the names changed. The deadline-after-publish rule is checked by `apply(to: inout Account)`.
    func apply(to s: inout AccountSettings) throws -> [String] {
        var changed: [String] = []
        func clearable(_ text: String) -> String? { text == "-" ? nil : text }
        for (name, text) in changes {
            switch name {
            case "publish-at": s.publishAt = try TimeOfDay(parsing: text)
            case "deadline": s.deadline = try TimeOfDay(parsing: text)
            case "days": s.days = try Weekday.parseList(text)
            case "timezone": s.timeZone = try clearable(text).map(Institution.validateTimeZone)
            case "webhook": s.webhookURL = try clearable(text).map(Self.validateURL)
            case "webhook-secret": s.webhookSecret = clearable(text)
            case "notify-email":
                s.notifyEmails = try (clearable(text) ?? "").split(separator: ",").map {
                    try EmailAddress.validate($0.trimmingCharacters(in: .whitespaces))
                }
            case "digest": s.digest = try Self.parseOnOff(text, setting: name)
            case "settle": s.settleSeconds = try clearable(text).map { try Self.number($0, "settle time", 0...86_400) }
            case "threshold": s.thresholdPercent = try Self.number(text, "threshold", 0...100)
            case "max-file-size": s.maxFileSize = try ByteCount(parsing: text)
            case "quota": s.quota = try ByteCount(parsing: text)
            case "max-files-per-day": s.maxFilesPerDay = try Self.number(text, "files per day", 1...1_000_000)
            case "retention-days": s.retentionDays = try Self.number(text, "retention", 1...3650)
            case "max-sessions": s.maxSessions = try Self.number(text, "sessions", 1...10_000)
            default: throw OperatorError.unknownSetting(name)
            }
            changed.append(name)
        }
        return changed
    }

    static func number(_ text: String, _ field: String, _ range: ClosedRange<Int>) throws(DomainError) -> Int {
        guard let n = Int(text), range.contains(n) else { throw .invalidNumber(text, field: field, range: range) }
        return n
    }

    static func parseOnOff(_ text: String, setting: String) throws(OperatorError) -> Bool {
        switch text.lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw .invalidOnOff(text, setting: "--\(setting)")
        }
    }

    static func validateURL(_ text: String) throws(DomainError) -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw .invalidURL(text) }
        return text
    }
}
