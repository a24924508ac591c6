import PandaCore
import PandaStore

/// `panda holiday add|remove ACCOUNT DATE…`: the shape both share.
protocol HolidayEditCommand: PandaCommand {
    /// Whether the command adds or removes the dates.
    static var adds: Bool { get }
    init(username: String, days: [String])
    var username: String { get }
    var days: [String] { get }
}

extension HolidayEditCommand {
    static var synopsis: String { "ACCOUNT DATE…" }

    init(_ arguments: ParsedArguments) throws {
        let (username, days) = try Self.accountAndDays(arguments)
        self.init(username: username, days: days)
    }

    func run(_ context: CommandContext) throws {
        let dates = try days.map(LocalDate.init(parsing:))
        let calendar = try context.store().calendar
        let changed =
            Self.adds
            ? try calendar.addHolidays(dates, to: username) : try calendar.removeHolidays(dates, from: username)
        let verb = Self.adds ? "add" : "remove"
        try context.audit(account: username, event: "holiday.\(verb)", detail: "days=\(days.joined(separator: ","))")
        context.print(
            "\(username): \(changed) holiday\(changed == 1 ? "" : "s") \(verb == "add" ? "added" : "removed")")
    }
}

/// `panda holiday add ACCOUNT DATE…`: days without a cycle.
struct HolidayAddCommand: HolidayEditCommand {
    static let words = ["holiday", "add"]
    static let summary = "add holidays (YYYY-MM-DD, the account's local days): no cycle on those days"
    static let adds = true

    let username: String
    let days: [String]
}

/// `panda holiday remove ACCOUNT DATE…`.
struct HolidayRemoveCommand: HolidayEditCommand {
    static let words = ["holiday", "remove"]
    static let summary = "remove holidays; those days have a cycle again if they are exchange days"
    static let adds = false

    let username: String
    let days: [String]
}

/// `panda holiday list ACCOUNT`.
struct HolidayListCommand: PandaCommand {
    static let words = ["holiday", "list"]
    static let synopsis = "ACCOUNT"
    static let summary = "list an account's holidays"

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let days = try context.store().calendar.holidays(of: username)
        if context.json {
            context.printJSON(.array(days.map { .string($0.description) }))
        } else {
            context.print(
                days.isEmpty ? "no holidays for \(username)" : days.map(\.description).joined(separator: "\n"))
        }
    }
}

/// `panda pause add ACCOUNT FROM TO`: a window without cycles, such as the summer break.
struct PauseAddCommand: PandaCommand {
    static let words = ["pause", "add"]
    static let synopsis = "ACCOUNT FROM TO"
    static let summary = "pause the exchange from FROM to TO (YYYY-MM-DD, both included)"

    let username: String
    let first: String
    let last: String

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FROM", "TO"])
        (username, first, last) = (p[0], p[1], p[2])
    }

    func run(_ context: CommandContext) throws {
        let pause = PauseWindow(first: try LocalDate(parsing: first), last: try LocalDate(parsing: last))
        try context.store().calendar.addPause(pause, to: username)
        try context.audit(account: username, event: "pause.add", detail: "from=\(first) to=\(last)")
        context.print("\(username): no cycles from \(first) to \(last)")
    }
}

/// `panda pause list ACCOUNT`.
struct PauseListCommand: PandaCommand {
    static let words = ["pause", "list"]
    static let synopsis = "ACCOUNT"
    static let summary = "list an account's pause windows"

    let username: String

    init(_ arguments: ParsedArguments) throws {
        username = try arguments.positionals(exactly: ["ACCOUNT"])[0]
    }

    func run(_ context: CommandContext) throws {
        let pauses = try context.store().calendar.pauses(of: username)
        if context.json {
            context.printJSON(
                .array(
                    pauses.map {
                        .object([("from", .string($0.first.description)), ("to", .string($0.last.description))])
                    }
                ))
        } else {
            context.print(
                pauses.isEmpty
                    ? "no pauses for \(username)" : pauses.map { "\($0.first) to \($0.last)" }.joined(separator: "\n"))
        }
    }
}

/// `panda pause remove ACCOUNT FROM`: removes the pause starting on FROM.
struct PauseRemoveCommand: PandaCommand {
    static let words = ["pause", "remove"]
    static let synopsis = "ACCOUNT FROM"
    static let summary = "remove the pause window starting on FROM"

    let username: String
    let first: String

    init(_ arguments: ParsedArguments) throws {
        let p = try arguments.positionals(exactly: ["ACCOUNT", "FROM"])
        (username, first) = (p[0], p[1])
    }

    func run(_ context: CommandContext) throws {
        try context.store().calendar.removePause(startingOn: try LocalDate(parsing: first), from: username)
        try context.audit(account: username, event: "pause.remove", detail: "from=\(first)")
        context.print("\(username): pause from \(first) removed")
    }
}

extension PandaCommand {
    /// `ACCOUNT DATE…` positionals.
    static func accountAndDays(_ arguments: ParsedArguments) throws -> (String, [String]) {
        let (head, tail) = try arguments.positionals(atLeast: ["ACCOUNT"], rest: "DATE")
        return (head[0], tail)
    }
}
