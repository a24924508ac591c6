import Foundation
import PandaCore
import PandaExchange

/// `panda validate FILE [--account ACCOUNT]`: a dry run that changes nothing.
struct ValidateCommand: PandaCommand {
    static let words = ["validate"]
    static let synopsis = "FILE [--account ACCOUNT]"
    static let summary = "check a data file without changing anything (dry run)"
    static let discussion = """
        Without --account: the format and field rules only (keywords, field counts, codes, e-mail addresses,
        lengths, encoding, duplicate keys). With --account: also that account's upload rules (UserIDs in its
        current students.csv, defined properties and programs) and the changes the file would make (created,
        updated, unchanged), counted as a real upload would count them. Nothing is recorded and no report is
        written. Exit status 1 when the file would be rejected or has rejected rows (the report is printed
        either way).
        """
    static let options: [OptionSpec] = [
        .value("account", "ACCOUNT", "check against this account's roster, definitions and records")
    ]

    let file: String
    let account: String?

    init(_ arguments: ParsedArguments) throws {
        file = try arguments.positionals(exactly: ["FILE"])[0]
        account = arguments.value("account")
    }

    func run(_ context: CommandContext) throws {
        let report: ResultReport
        if let account {
            let importer = FileImporter(
                store: try context.store(), dataDirectory: context.dataDirectory,
                logger: Logger(component: "validate", minimumLevel: .error))
            report = try importer.check(atPath: file, account: account).report
            ReportOutput.print(report, to: context)
        } else {
            let checked = try FormatCheck.run(path: file, now: context.clock.now())
            report = checked.report
            ReportOutput.print(report, to: context, validRows: checked.valid)
        }
        let errors = report.totalErrorCount
        if errors > 0 { throw ValidationFailed(errors: errors) }
    }
}

/// `panda validate` found problems: exit status 1, after the report was printed.
struct ValidationFailed: UserFacingError {
    let errors: Int
    var message: String { "the file has \(errors) error\(errors == 1 ? "" : "s") (listed above)" }
}
