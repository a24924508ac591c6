import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// `panda account show ACCOUNT`: everything the institution needs to connect, plus keys, schedule, limits.
struct AccountShowCommand: PandaCommand {
    static let words = ["account", "show"]
    static let synopsis = "ACCOUNT"
    static let summary = "what the institution needs to connect: host, port, username, folders, host keys"
    static let discussion = """
        Host and port are those the server last started with (`panda serve --public-host … --sftp-port …`);
        host-key fingerprints appear once the server has generated its keys (on its first start).
        """

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let account = try store.accounts.get(username)
        let institution = try store.institutions.get(account.institutionID.rawValue)
        let keys = try store.keys.list(username)
        let hostKeys = HostKeyFingerprints.load(dataDirectory: context.dataDirectory)
        let connection = try ConnectionDetails.load(account: account, store: store, hostKeys: hostKeys)
        let holidays = try store.calendar.holidays(of: username)
        let pauses = try store.calendar.pauses(of: username)
        let now = context.clock.now()
        let timeZone = account.settings.timeZone ?? institution.timeZone

        if context.json {
            context.printJSON(
                .object([
                    ("username", .string(account.username)),
                    ("institution", .string(institution.id.rawValue)),
                    ("institutionName", .string(institution.name)),
                    ("environment", .string(account.environment.rawValue)),
                    ("host", .string(connection.host)),
                    ("port", .int(connection.port)),
                    ("folders", FolderDescription.json(account.folders)),
                    ("hostKeys", ConnectionDetails.json(hostKeys: hostKeys)),
                    ("keys", .array(keys.map { KeyListCommand.json($0, now: now) })),
                    ("settings", AccountSettingsDescription.json(account.settings, timeZone: timeZone)),
                    ("holidays", .array(holidays.map { .string($0.description) })),
                    (
                        "pauses",
                        .array(
                            pauses.map {
                                .object([("from", .string($0.first.description)), ("to", .string($0.last.description))])
                            })
                    ),
                ]))
            return
        }

        var out =
            "Connection details for \(account.username) (\(institution.name), \(account.environment.rawValue))\n\n"
        var details = TextTable(["", ""])
        details.add(["  host", connection.host])
        details.add(["  port", String(connection.port)])
        details.add(["  username", account.username])
        details.add(["  login", "SSH public key only (ED25519, ECDSA or RSA >= 2048 bits)"])
        out += details.rendered().split(separator: "\n").dropFirst().joined(separator: "\n") + "\n\n"
        out += "  folders\n"
        out +=
            FolderDescription.table(account, timeZone: timeZone).split(separator: "\n").dropFirst()
            .map { "    " + $0 }.joined(separator: "\n") + "\n\n"
        out += "  host key fingerprints (check them the first time you connect)\n"
        if hostKeys.isEmpty {
            out += "    not generated yet: the server creates its host keys when `panda serve` first starts\n"
        } else {
            for key in hostKeys { out += "    \(key.fingerprint) (\(key.type))\n" }
        }
        out += "\n  connect with\n    \(connection.sftpCommand)\n"
        out += "  or let the Panda agent do the daily round (filter the export, check, upload, fetch the reports)\n"
        out += "    \(connection.agentCommand)\n\n"
        let active = keys.filter { $0.state(at: now) == .active }
        out += "keys: \(active.count) active"
        out += active.isEmpty ? " (register one with `panda key add \(account.username) FILE.pub`)\n" : "\n"
        for key in active {
            out += "  \(key.fingerprint) (\(key.algorithm.family)) \(key.comment)\n"
        }
        out += "\nsettings\n"
        out += AccountSettingsDescription.lines(account.settings, timeZone: timeZone).map { "  " + $0 }
            .joined(separator: "\n")
        out +=
            "\n  holidays        " + (holidays.isEmpty ? "none" : holidays.map(\.description).joined(separator: ", "))
        out +=
            "\n  pauses          "
            + (pauses.isEmpty ? "none" : pauses.map { "\($0.first) to \($0.last)" }.joined(separator: ", "))
        context.print(out)
    }
}

/// The folders of spec §4 with their access and purpose, for `account show`.
enum FolderDescription {
    static func table(_ account: Account, timeZone: String) -> String {
        let f = account.folders
        let s = account.settings
        var table = TextTable(["PATH", "ACCESS", "CONTENT"])
        let days = s.days.map(\.shortName).joined(separator: ",")
        table.add([
            f.studentsFile, "read-only",
            "the students we expect data for, published \(days) at \(s.publishAt) \(timeZone)",
        ])
        table.add([f.archive + "/", "read-only", "earlier rosters, students-YYYY-MM-DD.csv"])
        table.add([f.inbound + "/", "write", "upload data files here by \(s.deadline) \(timeZone)"])
        table.add([f.validate + "/", "write", "dry run: checked and reported, never applied"])
        table.add([f.results + "/", "read-only", "a result report for every processed file"])
        return table.rendered()
    }

    static func json(_ f: FolderLayout) -> JSONValue { OperatorJSON.folders(f) }

}
