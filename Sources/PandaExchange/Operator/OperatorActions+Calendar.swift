import PandaCore
import PandaStore

extension OperatorActions {
    /// Adds holidays (`YYYY-MM-DD`, all checked first) and audits `holiday.add`; returns how many were new.
    public func addHolidays(_ days: [String], account: String) throws -> Int {
        let dates = try Self.dates(days)
        let added = try store.calendar.addHolidays(dates, to: account)
        try audit(account, "holiday.add", "days=\(dates.map(\.description).joined(separator: ","))")
        return added
    }

    /// Removes holidays and audits `holiday.remove`; returns how many there were.
    public func removeHolidays(_ days: [String], account: String) throws -> Int {
        let dates = try Self.dates(days)
        let removed = try store.calendar.removeHolidays(dates, from: account)
        try audit(account, "holiday.remove", "days=\(dates.map(\.description).joined(separator: ","))")
        return removed
    }

    /// Adds a pause window from `first` to `last` (both included, `YYYY-MM-DD`; overlaps are refused) and audits
    /// `pause.add`.
    public func addPause(from first: String, to last: String, account: String) throws -> PauseWindow {
        let pause = PauseWindow(first: try LocalDate(parsing: first), last: try LocalDate(parsing: last))
        try store.calendar.addPause(pause, to: account)
        try audit(account, "pause.add", "from=\(pause.first) to=\(pause.last)")
        return pause
    }

    /// Removes the pause window starting on `first` and audits `pause.remove`; returns the window.
    public func removePause(startingOn first: String, account: String) throws -> PauseWindow {
        let pause = try store.calendar.removePause(startingOn: try LocalDate(parsing: first), from: account)
        try audit(account, "pause.remove", "from=\(pause.first)")
        return pause
    }

    private static func dates(_ days: [String]) throws -> [LocalDate] {
        guard !days.isEmpty else { throw OperatorError.noDates }
        return try days.map(LocalDate.init(parsing:))
    }
}
