import Foundation
import PandaCore
import PandaExchange

/// `panda institution add ID --name NAME …`: onboards an institution with one account per environment.
struct InstitutionAddCommand: PandaCommand {
    static let words = ["institution", "add"]
    static let synopsis = "ID --name NAME [--timezone TZ] [--environments test,production] [--contact EMAIL]"
    static let summary = "onboard an institution; creates one account per environment (ID and ID-test)"
    static let discussion = """
        ID is also the production account's SSH username; the test account is ID-test. ID uses lower-case
        letters, digits, - and _. The time zone (an IANA name such as America/Chicago) drives the daily
        schedule; it defaults to this machine's. --contact may be repeated ("Name <email>" or email).
        """
    static let options: [OptionSpec] = [
        .value("name", "NAME", "the institution's display name (required)"),
        .value("timezone", "TZ", "IANA time zone, e.g. America/Chicago (default: this machine's)"),
        .value("environments", "LIST", "test, production or test,production (default: test,production)"),
        .value("contact", "EMAIL", "SIS/IT contact, \"Name <email>\" or email; repeatable"),
    ]

    let id: String
    let name: String
    let timeZone: String?
    let environments: String
    let contacts: [String]

    init(_ arguments: ParsedArguments) throws {
        id = try arguments.positionals(exactly: ["ID"])[0]
        guard let name = arguments.value("name"), !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UsageError("missing --name NAME")
        }
        self.name = name.trimmingCharacters(in: .whitespaces)
        timeZone = arguments.value("timezone")
        environments = arguments.value("environments") ?? "test,production"
        contacts = arguments.values("contact")
    }

    func run(_ context: CommandContext) throws {
        let (institution, accounts) = try OperatorActions(store: try context.store(), actor: "cli").addInstitution(
            NewInstitution(
                id: id, name: name, timeZone: timeZone,
                environments: environments.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                contacts: contacts))
        if context.json {
            context.printJSON(InstitutionListCommand.json(institution, accounts))
            return
        }
        context.print("added institution \(institution.id) (\(institution.name)), time zone \(institution.timeZone)")
        for account in accounts {
            context.print("  account \(account.username)  (\(account.environment.rawValue))")
        }
        let first = accounts.last?.username ?? institution.id.rawValue
        context.print(
            "next: register the institution's key with `panda key add \(first) FILE.pub`,"
                + " then send them `panda account show \(first)`")
    }
}
