import PandaCore
import PandaExchange

/// `panda institution list`: institutions with their accounts.
struct InstitutionListCommand: PandaCommand {
    static let words = ["institution", "list"]
    static let synopsis = ""
    static let summary = "list institutions with their accounts"

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(exactly: [])
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let institutions = try store.institutions.list()
        let accounts = Dictionary(grouping: try store.accounts.list(), by: \.institutionID)
        if context.json {
            context.printJSON(.array(institutions.map { Self.json($0, accounts[$0.id] ?? []) }))
            return
        }
        guard !institutions.isEmpty else {
            context.print("no institutions yet; add one with `panda institution add ID --name NAME`")
            return
        }
        var table = TextTable(["ID", "NAME", "TIME ZONE", "ACCOUNTS", "CONTACTS"])
        for institution in institutions {
            table.add([
                institution.id.rawValue, institution.name, institution.timeZone,
                (accounts[institution.id] ?? []).map(\.username).joined(separator: ","),
                institution.contacts.map(\.displayText).joined(separator: ", "),
            ])
        }
        context.print(table.rendered())
    }

    static func json(_ institution: Institution, _ accounts: [Account]) -> JSONValue {
        OperatorJSON.institution(institution, accounts)
    }
}
