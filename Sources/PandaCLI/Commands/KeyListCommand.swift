import Foundation
import PandaCore
import PandaExchange

/// `panda key list ACCOUNT`: the account's keys with their state.
struct KeyListCommand: PandaCommand {
    static let words = ["key", "list"]
    static let synopsis = "ACCOUNT"
    static let summary = "list an account's keys: fingerprint, type, comment, expiry, last use, state"

    /// Keys expiring within this many days are flagged, as the expiry notification does.
    static let expiryWarningDays = OperatorJSON.expiryWarningDays

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let keys = try context.store().keys.list(username)
        let now = context.clock.now()
        if context.json {
            context.printJSON(.array(keys.map { Self.json($0, now: now) }))
            return
        }
        guard !keys.isEmpty else {
            context.print("no keys for \(username); add one with `panda key add \(username) FILE.pub`")
            return
        }
        var table = TextTable([
            "FINGERPRINT", "TYPE", "BITS", "COMMENT", "ADDED", "EXPIRES", "FROM", "LAST USED", "STATE",
        ])
        for key in keys {
            table.add([
                key.fingerprint, key.algorithm.family, String(key.bits), key.comment.isEmpty ? "-" : key.comment,
                Self.day(key.createdAt), key.expiresAt.map(Self.day) ?? "never",
                key.allowedSources.isEmpty ? "any" : key.allowedSources.map(\.description).joined(separator: ","),
                key.lastUsedAt.map(Timestamp.iso8601) ?? "never", Self.stateText(key, now: now),
            ])
        }
        context.print(table.rendered())
    }

    static func stateText(_ key: RegisteredKey, now: Date) -> String {
        let state = key.state(at: now)
        if state == .active, let expiry = key.expiresAt {
            let days = Int(expiry.timeIntervalSince(now) / 86_400)
            if days < expiryWarningDays { return "active, expires in \(days) day\(days == 1 ? "" : "s")" }
        }
        return state.rawValue
    }

    static func day(_ date: Date) -> String { String(Timestamp.iso8601(date).prefix(10)) }

    static func json(_ key: RegisteredKey, now: Date) -> JSONValue { OperatorJSON.key(key, now: now) }
}
