import PandaCore
import PandaExchange
import PandaFormats

/// The shape `roster add` and `roster remove` share: an account and one or more UserIDs.
protocol RosterEditCommand: PandaCommand {
    init(username: String, ids: [String])
}

extension RosterEditCommand {
    static var synopsis: String { "ACCOUNT ID…" }

    init(_ arguments: ParsedArguments) throws {
        let (head, tail) = try arguments.positionals(atLeast: ["ACCOUNT"], rest: "ID")
        self.init(username: head[0], ids: tail)
    }
}

/// `panda roster add ACCOUNT ID…`: adds students to the expected roster.
struct RosterAddCommand: RosterEditCommand {
    static let words = ["roster", "add"]
    static let summary = "add students (UserIDs) to an account's expected roster"

    let username: String
    let ids: [String]

    func run(_ context: CommandContext) throws {
        try OperatorActions(store: try context.store(), actor: "cli").addToRoster(ids, account: username)
            .print(to: context, account: username)
    }
}

/// `panda roster remove ACCOUNT ID…`: removes students from the expected roster.
struct RosterRemoveCommand: RosterEditCommand {
    static let words = ["roster", "remove"]
    static let summary = "remove students from an account's expected roster"

    let username: String
    let ids: [String]

    func run(_ context: CommandContext) throws {
        try OperatorActions(store: try context.store(), actor: "cli").removeFromRoster(ids, account: username)
            .print(to: context, account: username)
    }
}

/// `panda roster import ACCOUNT FILE`: replaces the roster with the file's students.
struct RosterImportCommand: PandaCommand {
    static let words = ["roster", "import"]
    static let synopsis = "ACCOUNT FILE [--allow-empty]"
    static let summary = "replace an account's roster with FILE; prints how many were added and removed"
    static let discussion = """
        FILE has one UserID per line, or is in students.csv format (student,"K9999999"); '-' reads standard
        input. A UTF-8 BOM, CRLF line ends, blank lines and repeated IDs are fine. The whole file is checked
        before anything changes. A file with no students is refused unless --allow-empty is given.
        """
    static let options: [OptionSpec] = [.flag("allow-empty", "accept a file with no students (empties the roster)")]

    let username: String
    let file: String
    let allowEmpty: Bool

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FILE"])
        username = p[0]
        file = p[1]
        allowEmpty = arguments.flag("allow-empty")
    }

    func run(_ context: CommandContext) throws {
        let ids = try RosterFile.parse(try InputFile.readText(file, what: "roster file"), path: file)
        if ids.isEmpty && !allowEmpty { throw CLIError.emptyRoster(path: file) }
        try OperatorActions(store: try context.store(), actor: "cli")
            .replaceRoster(with: ids, account: username, allowEmpty: true)
            .print(to: context, account: username)
    }
}

/// `panda roster list ACCOUNT`: the expected students, one per line.
struct RosterListCommand: PandaCommand {
    static let words = ["roster", "list"]
    static let synopsis = "ACCOUNT"
    static let summary = "list an account's expected students"

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let ids = try context.store().roster.list(username)
        if context.json {
            context.printJSON(.array(ids.map(JSONValue.string)))
        } else if !ids.isEmpty {
            context.print(ids.joined(separator: "\n"))
        }
    }
}

/// The outcome line shared by the roster commands.
extension RosterChange {
    func print(to context: CommandContext, account: String) {
        if context.json {
            context.printJSON(.object([("added", .int(added)), ("removed", .int(removed)), ("total", .int(total))]))
        } else {
            context.print("\(account): added \(added), removed \(removed), \(total) students on the roster")
        }
    }
}

/// Reads a roster file (one UserID per line, or `student,"ID"` rows) with the same CSV reader as uploads.
enum RosterFile {
    static func parse(_ text: String, path: String) throws -> [String] {
        let reader = CSVReader(source: MemoryByteSource(text))
        var ids: [String] = []
        while let row = try reader.next() {
            if row.isBlank { continue }
            if let problem = row.problem {
                throw CLIError.rosterLine(path: path, line: row.line, reason: describe(problem))
            }
            let fields = row.fields
            let id: String
            switch fields.count {
            case 1: id = fields[0]
            case 2 where fields[0].lowercased() == "student": id = fields[1]
            default:
                throw CLIError.rosterLine(
                    path: path, line: row.line, reason: "expected one UserID, or student,\"UserID\" as in students.csv")
            }
            do {
                ids.append(try StudentID.validate(id))
            } catch {
                throw CLIError.rosterLine(path: path, line: row.line, reason: error.message)
            }
        }
        return ids
    }

    private static func describe(_ problem: CSVProblem) -> String {
        switch problem {
        case .quoteInUnquotedField: "a quote inside an unquoted field; quote the whole field"
        case .textAfterClosingQuote: "text after a closing quote"
        case .unterminatedQuote: "unterminated quote"
        case .recordTooLong: "the line is too long"
        case .tooManyFields: "too many fields"
        case .invalidUTF8: "not valid UTF-8"
        }
    }
}
