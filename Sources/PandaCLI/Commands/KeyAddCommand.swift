import Foundation
import PandaCore
import PandaExchange
import PandaSSH
import PandaStore

/// `panda key add ACCOUNT FILE.pub`: registers a public key and prints its fingerprint.
struct KeyAddCommand: PandaCommand {
    static let words = ["key", "add"]
    static let synopsis = "ACCOUNT FILE.pub [--expires YYYY-MM-DD] [--from CIDR,…]"
    static let summary = "register a public key (ED25519, ECDSA, RSA >= 2048); prints its fingerprint"
    static let discussion = """
        FILE is a .pub file or one authorized_keys line (also an RFC 4716 "SSH2 PUBLIC KEY" block, as PuTTY
        exports); '-' reads standard input. The line's from="…" and expiry-time="…" options become the key's
        allowed addresses and expiry; other options are refused. --expires and --from override them.
        A key expires at 00:00 UTC of its expiry date. The printed SHA256 fingerprint is the one
        `ssh-keygen -lf FILE.pub` prints, so the institution can check it. Several keys may be active at
        once: add the new key, let the institution switch, then revoke the old one.
        """
    static let options: [OptionSpec] = [
        .value("expires", "YYYY-MM-DD", "the key stops working at 00:00 UTC that day"),
        .value("from", "CIDR,…", "addresses or networks the key may log in from"),
        .value("comment", "TEXT", "replace the key's comment"),
    ]

    let username: String
    let file: String
    let expires: String?
    let from: String?
    let comment: String?

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FILE.pub"])
        username = p[0]
        file = p[1]
        expires = arguments.value("expires")
        from = arguments.value("from")
        comment = arguments.value("comment")
    }

    func run(_ context: CommandContext) throws {
        let text = try InputFile.readText(file, what: "key file")
        var parsed = try PublicKeyParser.parse(text)
        let now = context.clock.now()
        if let expires { parsed.expiresAt = try CalendarDate.startOfDayUTC(expires) }
        if let from { parsed.allowedSources = try CIDR.parseList(from) }
        if let comment { parsed.comment = comment }
        let key = try OperatorActions(store: try context.store(), actor: "cli").registerKey(
            parsed.newPublicKey, account: username)
        if context.json {
            context.printJSON(KeyListCommand.json(key, now: now))
            return
        }
        // Same shape as `ssh-keygen -lf`: bits, fingerprint, comment, (type).
        let commentPart = key.comment.isEmpty ? "no comment" : key.comment
        context.print("added to \(username): \(key.bits) \(key.fingerprint) \(commentPart) (\(key.algorithm.family))")
        var limits: [String] = []
        if let expiry = key.expiresAt { limits.append("expires \(Timestamp.iso8601(expiry))") }
        if !key.allowedSources.isEmpty {
            limits.append("only from \(key.allowedSources.map(\.description).joined(separator: ","))")
        }
        if !limits.isEmpty { context.print("  " + limits.joined(separator: ", ")) }
    }
}

/// Dates given on the command line.
enum CalendarDate {
    /// `YYYY-MM-DD` as 00:00 UTC of that day.
    static func startOfDayUTC(_ text: String) throws(DomainError) -> Date {
        guard text.count == 10, let date = Timestamp.parseISO8601(text + "T00:00:00Z") else {
            throw .invalidDate(text)
        }
        return date
    }
}

extension ParsedPublicKey {
    /// What the store keeps of a parsed key.
    var newPublicKey: NewPublicKey {
        NewPublicKey(
            algorithm: algorithm, bits: bits, fingerprint: fingerprint, base64: base64, comment: comment,
            expiresAt: expiresAt, allowedSources: allowedSources)
    }
}
