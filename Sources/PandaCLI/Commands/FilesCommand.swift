import PandaCore
import PandaExchange
import PandaStore

/// `panda files ACCOUNT`: the account's file history.
struct FilesCommand: PandaCommand {
    static let words = ["files"]
    static let synopsis = "ACCOUNT"
    static let summary = "list an account's files: id, name, uploaded at, status, rows"
    static let discussion = """
        Every file the importer handled for the account (uploads, dry runs from /validate, manual imports),
        oldest first, then uploads still waiting for the settle time (status queued, no id yet). `panda report
        ACCOUNT ID` shows one in full. COPY says until when the file and its reports are kept (the account's
        --retention-days after processing) or when retention purged them; the entry itself stays.
        """

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let account = try store.accounts.get(username)
        let entries = try store.files.list(account: username)
        let queued = try store.importQueue.queued(account: username)
        if context.json {
            let reports = entries.map { ResultReport(entry: $0, errors: []) } + queued.map(ResultReport.init(queued:))
            context.printJSON(.array(reports.map { ReportJSON.object($0) }))
            return
        }
        var table = TextTable(["ID", "NAME", "UPLOADED", "STATUS", "TYPE", "ROWS", "COPY"])
        for entry in entries {
            let c = entry.counts
            table.add([
                String(entry.id), entry.name, Timestamp.iso8601(entry.uploadedAt), entry.status.rawValue,
                entry.type ?? "-",
                "read \(c.read), created \(c.created), updated \(c.updated), unchanged \(c.unchanged),"
                    + " skipped \(c.skipped), rejected \(c.rejected)",
                Self.copy(entry, retentionDays: account.settings.retentionDays),
            ])
        }
        for upload in queued {
            table.add(["-", upload.name, Timestamp.iso8601(upload.uploadedAt), "queued", "-", "-", "-"])
        }
        context.print(table.isEmpty ? "no files for \(username) yet" : table.rendered())
    }

    /// Whether the file and its reports are still kept, and until when, or when retention purged them.
    static func copy(_ entry: FileEntry, retentionDays: Int) -> String {
        if let purged = entry.purgedAt { return "purged " + Timestamp.iso8601(purged).prefix(10) }
        if entry.status == .held { return "kept while held" }
        let until = entry.processedAt.addingTimeInterval(Double(retentionDays) * 86_400)
        return "kept until " + Timestamp.iso8601(until).prefix(10)
    }
}
