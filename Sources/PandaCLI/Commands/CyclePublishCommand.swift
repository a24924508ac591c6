import PandaCore
import PandaExchange

/// `panda cycle publish ACCOUNT`: publishes students.csv now, outside the schedule.
struct CyclePublishCommand: PandaCommand {
    static let words = ["cycle", "publish"]
    static let synopsis = "ACCOUNT"
    static let summary = "publish students.csv from the roster now (atomically, with its dated archive copy)"
    static let discussion = """
        Writes /outbound/students.csv (student,"UserID" per line) and keeps a copy as
        /outbound/archive/students-YYYY-MM-DD.csv, dated in the account's time zone. A client downloading at
        that moment gets the previous file or the new one, never a mix.
        """

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let publication = try OperatorActions(store: store, actor: "cli").publishRoster(
            account: username, dataDirectory: context.dataDirectory)
        let account = try store.accounts.get(username)
        if context.json {
            context.printJSON(OperatorJSON.publication(publication))
            return
        }
        context.print(
            "published \(account.folders.studentsFile) for \(username): \(publication.students) students"
                + " (archive copy \(account.folders.archive)/students-\(publication.localDate).csv)")
    }
}
