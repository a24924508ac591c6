import PandaCore
import PandaExchange

/// `panda import ACCOUNT FILE [--as-upload]`: applies a file handed over by hand.
struct ImportCommand: PandaCommand {
    static let words = ["import"]
    static let synopsis = "ACCOUNT FILE [--as-upload]"
    static let summary = "import a data file by hand (manual rules: UserIDs known to the account); prints the summary"
    static let discussion = """
        Checks and applies FILE exactly as an upload is processed (formats and rules of the specification,
        §5–6), at once, without waiting for the settle time. A manual import may change only students known to
        the account: on any of its rosters so far, or already in its records (others are rejected as
        not_in_records). --as-upload applies an automated upload's rule instead (UserIDs in the current
        students.csv, not_in_roster), e.g. to replay a file received another way.
        The file is recorded in the account's file history (`panda files`), its reports are written to the
        account's /results folder and a copy with passwords masked is kept. A file whose content was already
        processed is a duplicate and is not applied again; one that would deactivate too many students is held
        (`panda file approve|discard`). Exit status 0 whenever the file was processed, whatever its status;
        --json prints the report object of `panda report --json`.
        """
    static let options: [OptionSpec] = [
        .flag("as-upload", "apply an automated upload's rule: UserIDs must be in the current students.csv")
    ]

    let username: String
    let file: String
    let asUpload: Bool

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FILE"])
        username = p[0]
        file = p[1]
        asUpload = arguments.flag("as-upload")
    }

    func run(_ context: CommandContext) throws {
        let store = try context.store()
        let importer = FileImporter(
            store: store, dataDirectory: context.dataDirectory,
            logger: Logger(component: "import", minimumLevel: .error))
        let outcome = try importer.importFile(atPath: file, account: username, asUpload: asUpload)
        try context.audit(
            account: username, event: "file.manual_import",
            detail: "file=\(outcome.entry.id) status=\(outcome.entry.status.rawValue) as_upload=\(asUpload)")
        ReportOutput.print(outcome.report, to: context)
    }
}
