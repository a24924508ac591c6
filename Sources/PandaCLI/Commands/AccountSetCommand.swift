import Foundation
import PandaCore
import PandaExchange

/// `panda account set ACCOUNT --option value…`: changes an account's schedule, notifications, limits and folders.
struct AccountSetCommand: PandaCommand {
    static let words = ["account", "set"]
    static let synopsis = "ACCOUNT [--publish-at HH:MM] [--deadline HH:MM] [--days mon,tue,…] [OPTIONS…]"
    static let summary = "change an account's schedule, notifications, limits and folder paths"
    static let discussion = """
        Only the options given change; `panda account show ACCOUNT` shows the result. Sizes take bytes or
        units (500MiB, 2GiB). Times are local to the account's time zone. Folder options move where a folder
        appears in the institution's SFTP tree (its files stay in it; '-' restores the default); sessions
        opened afterwards see the new paths.
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
        .value("outbound-folder", "PATH", "where students.csv is published (default /outbound)"),
        .value("archive-folder", "PATH", "earlier students.csv files (default /outbound/archive)"),
        .value("inbound-folder", "PATH", "where data files are uploaded (default /inbound)"),
        .value("validate-folder", "PATH", "where files are uploaded for a dry run (default /validate)"),
        .value("results-folder", "PATH", "where result reports appear (default /results)"),
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
        let store = try context.store()
        let changes = Self.options.compactMap { option in arguments.value(option.name).map { (option.name, $0) } }
        let (account, changed) = try OperatorActions(store: store, actor: "cli").changeSettings(
            account: username, changes)
        if context.json {
            let institution = try store.institutions.get(account.institutionID.rawValue)
            context.printJSON(
                AccountSettingsDescription.json(
                    account.settings, timeZone: account.settings.timeZone ?? institution.timeZone))
            return
        }
        context.print("updated \(username): \(changed.joined(separator: ", "))")
    }
}
