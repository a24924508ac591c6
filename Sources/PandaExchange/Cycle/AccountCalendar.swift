import Foundation
import PandaCore
import PandaStore

/// An account with its exchange calendar (schedule, time zone, holidays, pauses) as stored now.
public struct AccountCalendar: Sendable {
    public let account: Account
    /// The IANA name of the account's zone: its own setting, else its institution's.
    public let timeZoneName: String
    public let calendar: ExchangeCalendar

    /// Reads the account's calendar; an unknown zone name (which `panda` refuses to store) counts as UTC.
    public static func load(_ account: Account, from store: Store) throws -> AccountCalendar {
        let zoneName = try timeZoneName(of: account, in: store)
        let holidays = try store.calendar.holidays(of: account.username)
        let pauses = try store.calendar.pauses(of: account.username)
        let calendar = ExchangeCalendar(
            settings: account.settings, timeZone: TimeZone(identifier: zoneName) ?? .gmt, holidays: Set(holidays),
            pauses: pauses.map { $0.first...$0.last })
        return AccountCalendar(account: account, timeZoneName: zoneName, calendar: calendar)
    }

    public static func load(_ username: String, from store: Store) throws -> AccountCalendar {
        try load(store.accounts.get(username), from: store)
    }

    /// The account's zone name: its own setting, else its institution's.
    public static func timeZoneName(of account: Account, in store: Store) throws -> String {
        try account.settings.timeZone ?? store.institutions.get(account.institutionID.rawValue).timeZone
    }

    public var timeZone: TimeZone { calendar.timeZone }

    /// The account's local day at `instant`.
    public func day(of instant: Date) -> LocalDate { calendar.day(of: instant) }

    /// The cycle of `day` as the scheduler sees it: none on days without a cycle, and none when the publish
    /// time came before the account existed (an account created at 10:00 starts with the next cycle).
    public func cycle(on day: LocalDate) -> ExchangeCalendar.Cycle? {
        guard let cycle = calendar.cycle(on: day), cycle.publishAt >= account.createdAt else { return nil }
        return cycle
    }

    /// Why `day` has no cycle (see `cycle(on:)`), or nil when it has one.
    public func reasonWithoutCycle(on day: LocalDate) -> String? {
        if let reason = calendar.reasonWithoutCycle(on: day) { return reason }
        return cycle(on: day) == nil ? "the account was created after this day's publish time" : nil
    }
}
