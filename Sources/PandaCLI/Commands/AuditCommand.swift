import PandaCore
import PandaExchange

/// `panda audit [ACCOUNT]`: the audit log, newest last.
struct AuditCommand: PandaCommand {
    static let words = ["audit"]
    static let synopsis = "[ACCOUNT] [--limit N]"
    static let summary = "show the audit log (logins, refusals, bans, file operations, operator actions)"
    static let options: [OptionSpec] = [.value("limit", "N", "how many of the newest entries (default 100)")]

    let username: String?
    let limit: Int

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.optionalPositional()
        limit = try arguments.positiveInt("limit", default: 100)
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        if let username { _ = try store.accounts.get(username) }
        let entries = try store.audit.list(account: username, limit: limit)
        if context.json {
            context.printJSON(.array(entries.map(OperatorJSON.audit)))
            return
        }
        var table = TextTable(["TIME", "ACCOUNT", "ACTOR", "EVENT", "ADDRESS", "DETAIL"])
        for e in entries {
            table.add([Timestamp.iso8601(e.at), e.account ?? "-", e.actor, e.event, e.address ?? "-", e.detail])
        }
        context.print(entries.isEmpty ? "no audit entries" : table.rendered())
    }
}
