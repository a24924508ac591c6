import PandaCore
import PandaExchange
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
        let actions = OperatorActions(store: try context.store(), actor: "cli")
        let changed =
            Self.adds
            ? try actions.addHolidays(days, account: username) : try actions.removeHolidays(days, account: username)
        context.print("\(username): \(changed) holiday\(changed == 1 ? "" : "s") \(Self.adds ? "added" : "removed")")
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
        let pause = try OperatorActions(store: try context.store(), actor: "cli").addPause(
            from: first, to: last, account: username)
        context.print("\(username): no cycles from \(pause.first) to \(pause.last)")
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
            context.printJSON(.array(pauses.map(OperatorJSON.pause)))
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
        let pause = try OperatorActions(store: try context.store(), actor: "cli").removePause(
            startingOn: first, account: username)
        context.print("\(username): pause from \(pause.first) to \(pause.last) removed")
    }
}

extension PandaCommand {
    /// `ACCOUNT DATE…` positionals.
    static func accountAndDays(_ arguments: ParsedArguments) throws -> (String, [String]) {
        let (head, tail) = try arguments.positionals(atLeast: ["ACCOUNT"], rest: "DATE")
        return (head[0], tail)
    }
}
