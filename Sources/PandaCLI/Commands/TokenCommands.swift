import Foundation
import PandaCore
import PandaStore

/// `panda token create --name NAME`: a new admin API token, printed once.
struct TokenCreateCommand: PandaCommand {
    static let words = ["token", "create"]
    static let synopsis = "--name NAME"
    static let summary = "create an admin API and dashboard token; it is printed once, only its hash is kept"
    static let discussion = """
        Prints the token alone on standard output (so `TOKEN=$(panda token create --name ci)` works) and a
        reminder on standard error. Send it as `Authorization: Bearer TOKEN` to the API, or sign in to the
        dashboard with it. Names are unique among active tokens; `panda token revoke NAME` ends a token and
        its dashboard sessions at once.
        """
    static let options: [OptionSpec] = [.value("name", "NAME", "what the token is for, e.g. monitoring (required)")]

    let name: String

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(exactly: [])
        guard let name = arguments.value("name")?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw UsageError("missing --name NAME")
        }
        guard name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw UsageError("--name takes up to 64 letters, digits, '-', '_' or '.'")
        }
        self.name = name
    }

    func run(_ context: CommandContext) throws {
        let secret = "panda_" + SecureRandom.token(byteCount: 32)
        let token = try context.store().apiTokens.create(name: name, token: secret)
        try context.audit(account: nil, event: "token.create", detail: "name=\(name) prefix=\(token.prefix)")
        if context.json {
            context.printJSON(.object([("name", .string(name)), ("token", .string(secret))]))
        } else {
            context.print(secret)
        }
        FileHandle.standardError.write(
            Data("panda token create: token \(name) created; store it now, it is not shown again\n".utf8))
    }
}

/// `panda token list`: tokens by name, with the start of each and when it was last used.
struct TokenListCommand: PandaCommand {
    static let words = ["token", "list"]
    static let synopsis = ""
    static let summary = "list admin API tokens: name, prefix, created, last used, revoked"

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(exactly: [])
    }

    func run(_ context: CommandContext) throws {
        let tokens = try context.store().apiTokens.list()
        if context.json {
            context.printJSON(
                .array(
                    tokens.map {
                        .object([
                            ("name", .string($0.name)), ("prefix", .string($0.prefix)),
                            ("createdAt", .date($0.createdAt)), ("lastUsedAt", .date($0.lastUsedAt)),
                            ("revokedAt", .date($0.revokedAt)),
                        ])
                    }))
            return
        }
        guard !tokens.isEmpty else {
            context.print("no tokens; create one with `panda token create --name NAME`")
            return
        }
        var table = TextTable(["NAME", "PREFIX", "CREATED", "LAST USED", "STATE"])
        for t in tokens {
            table.add([
                t.name, t.prefix + "…", Timestamp.iso8601(t.createdAt), t.lastUsedAt.map(Timestamp.iso8601) ?? "never",
                t.revokedAt.map { "revoked " + Timestamp.iso8601($0) } ?? "active",
            ])
        }
        context.print(table.rendered())
    }
}

/// `panda token revoke NAME`: the token stops working at once, with its dashboard sessions.
struct TokenRevokeCommand: PandaCommand {
    static let words = ["token", "revoke"]
    static let synopsis = "NAME"
    static let summary = "revoke an admin API token; it and its dashboard sessions stop working at once"

    let name: String

    init(_ arguments: ParsedArguments) throws {
        name = try arguments.positionals(exactly: ["NAME"])[0]
    }

    func run(_ context: CommandContext) throws {
        let token = try context.store().apiTokens.revoke(name: name)
        try context.audit(account: nil, event: "token.revoke", detail: "name=\(name) prefix=\(token.prefix)")
        context.print("revoked token \(name)")
    }
}
