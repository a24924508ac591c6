import PandaCore
import PandaExchange
import PandaStore

/// `panda notifications [ACCOUNT]`: notification events and how each delivery went.
struct NotificationsCommand: PandaCommand {
    static let words = ["notifications"]
    static let synopsis = "[ACCOUNT] [--limit N]"
    static let summary = "show notification events and their webhook and e-mail deliveries"
    static let discussion = """
        One line per delivery, newest event first: the channel (webhook, email, digest), where it goes, its
        status (pending, delivered, failed, skipped), the number of attempts, and the last error or the
        next attempt. --json adds every attempt's time, status code and error. An event whose account has
        no webhook and no notification addresses shows channel "-".
        """
    static let options: [OptionSpec] = [.value("limit", "N", "how many of the newest events (default 50)")]

    let username: String?
    let limit: Int

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.optionalPositional()
        limit = try arguments.positiveInt("limit", default: 50)
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        if let username { _ = try store.accounts.get(username) }
        let history = try store.notifications.history(account: username, limit: limit)
        if context.json {
            context.printJSON(.array(history.map(Self.json)))
            return
        }
        guard !history.isEmpty else {
            context.print("no notifications")
            return
        }
        var table = TextTable(["TIME", "ACCOUNT", "EVENT", "CHANNEL", "TARGET", "STATUS", "ATTEMPTS", "NOTE"])
        for entry in history {
            let e = entry.event
            let time = Timestamp.iso8601(e.occurredAt)
            if entry.deliveries.isEmpty {
                table.add([time, e.account, e.kind, "-", "-", "-", "0", "no webhook or e-mail configured"])
            }
            for d in entry.deliveries {
                table.add([
                    time, e.account, e.kind, d.channel.rawValue, d.target, d.status.rawValue, String(d.attempts),
                    Self.note(d),
                ])
            }
        }
        context.print(table.rendered())
    }

    /// The last error, and when the next attempt is due.
    static func note(_ d: StoredDelivery) -> String {
        var parts: [String] = []
        if let error = d.lastError { parts.append(error) }
        if d.status == .pending, let next = d.nextAttemptAt {
            parts.append(
                (d.channel == .digest && d.attempts == 0 ? "digest at " : "next attempt ") + Timestamp.iso8601(next))
        }
        return parts.joined(separator: "; ")
    }

    static func json(_ entry: NotificationHistoryEntry) -> JSONValue { OperatorJSON.notification(entry) }
}
