import PandaCore
import PandaExchange

/// `panda file approve|discard ACCOUNT FILE`: the shape both decisions on a held file share.
protocol HeldFileDecisionCommand: PandaCommand {
    init(username: String, file: String)
    var username: String { get }
    var file: String { get }
    /// Applies or drops the held file; one-shot and audited by the importer.
    static func decide(_ importer: FileImporter, account: String, fileID: Int64) throws -> ImportOutcome
}

extension HeldFileDecisionCommand {
    static var synopsis: String { "ACCOUNT FILE" }

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FILE"])
        self.init(username: p[0], file: p[1])
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let id = try ReportLookup(store: store).heldFileID(account: username, file: file)
        let importer = FileImporter(
            store: store, dataDirectory: context.dataDirectory,
            logger: Logger(component: "import", minimumLevel: .error))
        ReportOutput.print(try Self.decide(importer, account: username, fileID: id).report, to: context)
    }
}

/// `panda file approve ACCOUNT FILE`: applies a held file.
struct FileApproveCommand: HeldFileDecisionCommand {
    static let words = ["file", "approve"]
    static let summary = "apply a held file (one-shot, audited); FILE is its id or upload name"
    static let discussion = """
        A file is held when it would deactivate users, or end program memberships, of more than the account's
        threshold (`account set --threshold`, default 20 %) of its active students. Approving applies it now,
        against the current roster and definitions, without the threshold, and writes a new report to
        /results. A file can be approved or discarded once.
        """

    let username: String
    let file: String

    static func decide(_ importer: FileImporter, account: String, fileID: Int64) throws -> ImportOutcome {
        try importer.approve(account: account, fileID: fileID)
    }
}

/// `panda file discard ACCOUNT FILE`: drops a held file.
struct FileDiscardCommand: HeldFileDecisionCommand {
    static let words = ["file", "discard"]
    static let summary = "drop a held file without applying it (one-shot, audited)"

    let username: String
    let file: String

    static func decide(_ importer: FileImporter, account: String, fileID: Int64) throws -> ImportOutcome {
        try importer.discard(account: account, fileID: fileID)
    }
}
