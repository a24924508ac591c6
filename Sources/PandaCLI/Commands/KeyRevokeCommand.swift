import PandaExchange

/// `panda key revoke ACCOUNT FINGERPRINT`: the key stops working at once.
struct KeyRevokeCommand: PandaCommand {
    static let words = ["key", "revoke"]
    static let synopsis = "ACCOUNT FINGERPRINT"
    static let summary = "revoke a key (SHA256:… as `panda key list` shows it); it stops working at once"

    let username: String
    let fingerprint: String

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FINGERPRINT"])
        username = p[0]
        fingerprint = p[1]
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let key = try OperatorActions(store: store, actor: "cli").revokeKey(fingerprint: fingerprint, account: username)
        if context.json {
            context.printJSON(KeyListCommand.json(key, now: context.clock.now()))
            return
        }
        let remaining = try store.keys.list(username, includeRevoked: false).filter {
            $0.state(at: context.clock.now()) == .active
        }.count
        context.print(
            "revoked \(key.fingerprint) on \(username); \(remaining) active key\(remaining == 1 ? "" : "s") left")
    }
}
