import Foundation
import PandaCore

/// `panda account set ACCOUNT --option value…`: changes an account's schedule, notifications and limits.
struct AccountSetCommand: PandaCommand {
    static let words = ["account", "set"]
    static let synopsis = "ACCOUNT [--publish-at HH:MM] [--deadline HH:MM] [--days mon,tue,…] [OPTIONS…]"
    static let summary = "change an account's schedule, notifications and limits"
    static let discussion = """
        Only the options given change; `panda account show ACCOUNT` shows the result. Sizes take bytes or
        units (500MiB, 2GiB). Times are local to the account's time zone.
        """
    static let options: [OptionSpec] = [
        .value("publish-at", "HH:MM", "when students.csv is published (default 05:00)"),
        .value("deadline", "HH:MM", "when uploads are due; later the cycle is missed (default 12:00)"),
        .value("days", "LIST", "exchange days, e.g. mon,tue,wed,thu,fri (default)"),
        .value("timezone", "TZ", "IANA time zone overriding the institution's ('-' to inherit again)"),
        .value("webhook", "URL", "http(s) URL receiving JSON events ('-' to remove)"),
        .value("webhook-secret", "S", "key for the X-Panda-Signature HMAC ('-' to remove)"),
        .value("notify-email", "ADDR,…", "addresses for notifications ('-' for none)"),
        .value("digest", "on|off", "one daily e-mail digest instead of one mail per event"),
        .value("settle", "SECONDS", "quiet time before a batch is processed ('-' for the server default)"),
        .value("threshold", "PERCENT", "hold files deactivating more than this share of students (default 20)"),
        .value("max-file-size", "BYTES", "largest accepted upload (default 2GiB)"),
        .value("quota", "BYTES", "disk space for the account's uploads (default 10GiB)"),
        .value("max-files-per-day", "N", "uploads accepted per day (default 500)"),
        .value("retention-days", "N", "days uploaded files and reports are kept (default 90)"),
        .value("max-sessions", "N", "concurrent SFTP sessions (default 10)"),
    ]

    let username: String
    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
        guard Self.options.contains(where: { arguments.value($0.name) != nil }) else {
            throw UsageError("give at least one setting to change")
        }
        self.arguments = arguments
    }

    func run(_ context: CommandContext) throws {
        var changed: [String] = []
        let store = try context.store()
        let account = try store.accounts.updateSettings(username) { s in
            try apply(to: &s, changed: &changed)
        }
        try context.audit(account: username, event: "account.set", detail: "changed=\(changed.joined(separator: ","))")
        if context.json {
            let institution = try store.institutions.get(account.institutionID.rawValue)
            context.printJSON(
                AccountSettingsDescription.json(
                    account.settings, timeZone: account.settings.timeZone ?? institution.timeZone))
            return
        }
        context.print("updated \(username): \(changed.joined(separator: ", "))")
    }

    /// Parses every given option into `s`; nothing is stored unless all of them are valid.
    private func apply(to s: inout AccountSettings, changed: inout [String]) throws {
        func option<T>(_ name: String, _ parse: (String) throws -> T, _ set: (T) -> Void) throws {
            guard let text = arguments.value(name) else { return }
            set(try parse(text))
            changed.append(name)
        }
        func clearable(_ text: String) -> String? { text == "-" ? nil : text }
        try option("publish-at", TimeOfDay.init(parsing:)) { s.publishAt = $0 }
        try option("deadline", TimeOfDay.init(parsing:)) { s.deadline = $0 }
        try option("days", Weekday.parseList) { s.days = $0 }
        try option("timezone", { try clearable($0).map(Institution.validateTimeZone) }) { s.timeZone = $0 }
        try option("webhook", { try clearable($0).map(Self.validateURL) }) { s.webhookURL = $0 }
        try option("webhook-secret", clearable) { s.webhookSecret = $0 }
        try option(
            "notify-email",
            { text in
                try (clearable(text) ?? "").split(separator: ",").map {
                    try EmailAddress.validate($0.trimmingCharacters(in: .whitespaces))
                }
            }
        ) { s.notifyEmails = $0 }
        try option("digest", Self.parseOnOff) { s.digest = $0 }
        try option("settle", { try clearable($0).map { try Self.number($0, "settle time", 0...86_400) } }) {
            s.settleSeconds = $0
        }
        try option("threshold", { try Self.number($0, "threshold", 0...100) }) { s.thresholdPercent = $0 }
        try option("max-file-size", ByteCount.init(parsing:)) { s.maxFileSize = $0 }
        try option("quota", ByteCount.init(parsing:)) { s.quota = $0 }
        try option("max-files-per-day", { try Self.number($0, "files per day", 1...1_000_000) }) {
            s.maxFilesPerDay = $0
        }
        try option("retention-days", { try Self.number($0, "retention", 1...3650) }) { s.retentionDays = $0 }
        try option("max-sessions", { try Self.number($0, "sessions", 1...10_000) }) { s.maxSessions = $0 }
        if s.deadline <= s.publishAt {
            throw DomainError.deadlineNotAfterPublish(deadline: s.deadline, publishAt: s.publishAt)
        }
    }

    static func number(_ text: String, _ field: String, _ range: ClosedRange<Int>) throws(DomainError) -> Int {
        guard let n = Int(text), range.contains(n) else { throw .invalidNumber(text, field: field, range: range) }
        return n
    }

    static func parseOnOff(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw UsageError("--digest takes on or off, not \"\(text)\"")
        }
    }

    static func validateURL(_ text: String) throws(DomainError) -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw .invalidURL(text) }
        return text
    }
}
