import PandaCore
import PandaExchange
import PandaStore

/// `panda status [ACCOUNT]`: today's cycle of every account (or one) at a glance, with the latest files.
struct StatusCommand: PandaCommand {
    static let words = ["status"]
    static let synopsis = "[ACCOUNT] [--coverage] [--day YYYY-MM-DD]"
    static let summary = "today's cycle per account (state, files and their results); one account in detail"
    static let discussion = """
        States: scheduled, published, retrieved (students.csv downloaded), uploaded (files wait for the
        importer), processed, processed_with_errors (rows or whole files rejected), held (waits for `panda file
        approve|discard`), missed (nothing uploaded by the deadline), none (weekend, holiday, pause, or before
        the account existed). "Today" is the account's own local day. A file counts for the cycle whose
        students.csv was current when it was uploaded.
        With ACCOUNT: the day's summary (publication, download, deadline, the cycle's files). --coverage adds,
        per file type, which expected students received data and which did not (all of them in --json).
        --json prints one object per account (an array without ACCOUNT): state, cycle times, coverage, and the
        latest files as `panda report --json` shows them.
        """
    static let options: [OptionSpec] = [
        .flag("coverage", "which expected students received data in each file type"),
        .value("day", "YYYY-MM-DD", "another day's cycle (the account's local day)"),
    ]

    /// Latest files listed per account.
    static let latestFiles = 5

    let username: String?
    let coverage: Bool
    let day: LocalDate?

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.optionalPositional()
        coverage = arguments.flag("coverage")
        day = try arguments.parse("day", LocalDate.init(parsing:))
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let accounts = try username.map { [try store.accounts.get($0)] } ?? store.accounts.list()
        let now = context.clock.now()
        var objects: [JSONValue] = []
        var table = TextTable(["ACCOUNT", "DAY", "STATE", "SCHEDULE", "LATEST FILE"])
        for account in accounts {
            let schedule = try AccountCalendar.load(account, from: store)
            let status = try CycleStatus.read(schedule, day: day, now: now, store: store)
            let covered =
                coverage
                ? try CycleCoverage.compute(
                    account: account.username, day: status.day, files: status.files, store: store,
                    dataDirectory: context.dataDirectory,
                    listLimit: context.json ? nil : CycleSummaryText.listedStudents) : nil
            let latest = try latestFiles(account.username, store: store)
            if context.json {
                objects.append(CycleJSON.object(status, coverage: covered, latest: latest))
            } else if username != nil {
                context.print(CycleSummaryText.render(status, coverage: covered) + latestText(latest))
            } else {
                let s = account.settings
                table.add([
                    account.username, status.day.description, status.state.rawValue,
                    "\(s.publishAt)-\(s.deadline) \(schedule.timeZoneName)",
                    latest.first.map { "\($0.fileName): \($0.statusText)" } ?? "-",
                ])
            }
        }
        if context.json {
            context.printJSON(username == nil ? .array(objects) : objects[0])
        } else if username == nil {
            context.print(
                accounts.isEmpty
                    ? "no accounts yet; onboard an institution with `panda institution add`" : table.rendered())
        }
    }

    /// The account's newest files: uploads waiting for the importer first, then the ledger, newest first.
    func latestFiles(_ account: String, store: Store) throws -> [ResultReport] {
        let queued = try store.importQueue.queued(account: account).reversed().map(ResultReport.init(queued:))
        let processed = try store.files.latest(account: account, limit: Self.latestFiles)
            .map { ResultReport(entry: $0, errors: []) }
        return Array((queued + processed).prefix(Self.latestFiles))
    }

    func latestText(_ latest: [ResultReport]) -> String {
        guard !latest.isEmpty else { return "\nlatest files  none" }
        var table = TextTable(["  ID", "NAME", "UPLOADED", "STATUS"])
        for report in latest {
            table.add([
                "  " + (report.entry.map { String($0.id) } ?? "-"), report.fileName,
                report.uploadedAt.map(Timestamp.iso8601) ?? "-", report.statusText,
            ])
        }
        return "\nlatest files\n" + table.rendered()
    }
}
