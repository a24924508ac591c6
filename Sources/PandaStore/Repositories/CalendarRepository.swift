import Foundation
import PandaCore

/// A pause window: no cycle from `first` to `last`, both included.
public struct PauseWindow: Sendable, Equatable {
    public var first: LocalDate
    public var last: LocalDate

    public init(first: LocalDate, last: LocalDate) {
        self.first = first
        self.last = last
    }

    public func contains(_ day: LocalDate) -> Bool { first <= day && day <= last }
}

/// Each account's holidays and pause windows: the days without a cycle besides its weekdays.
public struct CalendarRepository: Sendable {
    let database: any Database

    /// Adds holidays; returns how many were new.
    @discardableResult
    public func addHolidays(_ days: [LocalDate], to account: String) throws -> Int {
        try database.write { db in
            _ = try AccountRepository.get(account, in: db)
            var added = 0
            for day in days {
                added += try db.execute(
                    "INSERT INTO holidays (account, day) VALUES (?, ?) ON CONFLICT DO NOTHING", account,
                    day.description)
            }
            return added
        }
    }

    @discardableResult
    public func removeHolidays(_ days: [LocalDate], from account: String) throws -> Int {
        try database.write { db in
            _ = try AccountRepository.get(account, in: db)
            var removed = 0
            for day in days {
                removed += try db.execute(
                    "DELETE FROM holidays WHERE account = ? AND day = ?", account, day.description)
            }
            return removed
        }
    }

    public func holidays(of account: String) throws -> [LocalDate] {
        try database.read { db in
            _ = try AccountRepository.get(account, in: db)
            return try db.query("SELECT day FROM holidays WHERE account = ? ORDER BY day", account)
                .compactMap { try? LocalDate(parsing: $0.string(0)) }
        }
    }

    /// Adds a pause window; overlapping windows are refused so each day has one reason to be skipped.
    public func addPause(_ pause: PauseWindow, to account: String) throws {
        guard pause.first <= pause.last else {
            throw StoreError.invalid("a pause must end on or after its first day (\(pause.first) to \(pause.last))")
        }
        try database.write { db in
            _ = try AccountRepository.get(account, in: db)
            if let overlap = try db.queryOne(
                "SELECT first_day, last_day FROM pauses WHERE account = ? AND first_day <= ? AND last_day >= ?",
                account, pause.last.description, pause.first.description)
            {
                throw StoreError.alreadyExists(
                    what: "a pause from \(overlap.string(0)) to \(overlap.string(1)) overlapping it",
                    hint: "see `panda pause list \(account)`")
            }
            try db.execute(
                "INSERT INTO pauses (account, first_day, last_day) VALUES (?, ?, ?)", account,
                pause.first.description, pause.last.description)
        }
    }

    /// Removes the pause starting on `first`; returns it.
    @discardableResult
    public func removePause(startingOn first: LocalDate, from account: String) throws -> PauseWindow {
        try database.write { db in
            _ = try AccountRepository.get(account, in: db)
            guard
                let row = try db.queryOne(
                    "SELECT last_day FROM pauses WHERE account = ? AND first_day = ?", account, first.description),
                let last = try? LocalDate(parsing: row.string(0))
            else {
                throw StoreError.notFound(
                    what: "a pause of \(account) starting on \(first)", hint: "see `panda pause list \(account)`")
            }
            try db.execute("DELETE FROM pauses WHERE account = ? AND first_day = ?", account, first.description)
            return PauseWindow(first: first, last: last)
        }
    }

    public func pauses(of account: String) throws -> [PauseWindow] {
        try database.read { db in
            _ = try AccountRepository.get(account, in: db)
            return try db.query(
                "SELECT first_day, last_day FROM pauses WHERE account = ? ORDER BY first_day", account
            ).compactMap { row in
                guard let first = try? LocalDate(parsing: row.string(0)),
                    let last = try? LocalDate(parsing: row.string(1))
                else { return nil }
                return PauseWindow(first: first, last: last)
            }
        }
    }
}
