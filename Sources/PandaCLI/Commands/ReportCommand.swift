import PandaCore
import PandaExchange

/// `panda report ACCOUNT [FILE]`: a file's result report.
struct ReportCommand: PandaCommand {
    static let words = ["report"]
    static let synopsis = "ACCOUNT [FILE]"
    static let summary = "show the result report of the latest file, or of FILE (a file id or an upload name)"
    static let discussion = """
        FILE is a file id from `panda files`, or the name a file was uploaded as (its latest upload; status
        queued while it waits for the settle time). Prints the summary the institution finds in /results;
        --json prints the report object (file, uploadedAt, processedAt, type, status, counts, errors, and more).
        """

    let username: String
    let file: String?

    init(_ arguments: ParsedArguments) throws {
        guard (1...2).contains(arguments.positionals.count) else {
            throw UsageError(
                arguments.positionals.isEmpty
                    ? "missing ACCOUNT" : "unexpected argument \"\(arguments.positionals[2])\"")
        }
        username = arguments.positionals[0]
        file = arguments.positionals.count == 2 ? arguments.positionals[1] : nil
    }

    func run(_ context: CommandContext) throws {
        let report = try ReportLookup(store: try context.store()).report(account: username, file: file)
        ReportOutput.print(report, to: context)
    }
}

/// Prints a result report as text (the summary) or JSON (the contract's object).
enum ReportOutput {
    static func print(_ report: ResultReport, to context: CommandContext, validRows: Int? = nil) {
        if context.json {
            var object = ReportJSON.object(report)
            if let validRows, case .object(var pairs) = object {
                pairs.append(("valid", .int(validRows)))
                object = .object(pairs)
            }
            context.printJSON(object)
            return
        }
        var text = SummaryText.render(report)
        if let validRows {
            text +=
                "\n\(validRows) rows are valid. No account was given: students, definitions and changes were not"
                + " checked (use --account).\n"
        }
        context.output.write(text)
    }
}
