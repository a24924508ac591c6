import PandaCore
import PandaExchange

/// `panda ban list`: addresses banned after repeated failed logins.
struct BanListCommand: PandaCommand {
    static let words = ["ban", "list"]
    static let synopsis = ""
    static let summary = "list addresses banned after repeated failed logins"

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(exactly: [])
    }

    func run(_ context: CommandContext) throws {
        let bans = try context.store().bans.list(at: context.clock.now())
        if context.json {
            context.printJSON(.array(bans.map(OperatorJSON.ban)))
            return
        }
        guard !bans.isEmpty else {
            context.print("no banned addresses")
            return
        }
        var table = TextTable(["ADDRESS", "BANNED AT", "UNTIL", "BAN #"])
        for ban in bans {
            table.add([ban.address, Timestamp.iso8601(ban.bannedAt), Timestamp.iso8601(ban.until), String(ban.count)])
        }
        context.print(table.rendered())
    }
}

/// `panda ban remove ADDRESS`: lifts a ban at once.
struct BanRemoveCommand: PandaCommand {
    static let words = ["ban", "remove"]
    static let synopsis = "ADDRESS"
    static let summary = "lift the ban of an address and forget its failed logins"

    let address: String

    init(_ arguments: ParsedArguments) throws {
        address = try arguments.positionals(exactly: ["ADDRESS"])[0]
    }

    func run(_ context: CommandContext) throws {
        try OperatorActions(store: try context.store(), actor: "cli").liftBan(address: address)
        context.print("lifted the ban of \(address)")
    }
}
