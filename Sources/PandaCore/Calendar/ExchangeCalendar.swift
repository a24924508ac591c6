import Foundation

/// An account's exchange calendar: which local days have a cycle and when each is published and due.
public struct ExchangeCalendar: Sendable {
    public var settings: AccountSettings
    public var timeZone: TimeZone
    public var holidays: Set<LocalDate>
    /// Inclusive ranges of days without a cycle.
    public var pauses: [ClosedRange<LocalDate>]

    public init(
        settings: AccountSettings, timeZone: TimeZone, holidays: Set<LocalDate> = [],
        pauses: [ClosedRange<LocalDate>] = []
    ) {
        self.settings = settings
        self.timeZone = timeZone
        self.holidays = holidays
        self.pauses = pauses
    }

    /// One day's cycle: when students.csv is published and when uploads are due.
    public struct Cycle: Sendable, Equatable {
        public var day: LocalDate
        public var publishAt: Date
        public var deadline: Date
    }

    /// Why a day has no cycle, or nil when it has one.
    public func reasonWithoutCycle(on day: LocalDate) -> String? {
        if !settings.days.contains(day.weekday) { return "not an exchange day" }
        if holidays.contains(day) { return "holiday" }
        if pauses.contains(where: { $0.contains(day) }) { return "paused" }
        return nil
    }

    /// The cycle of `day`, or nil on weekends, holidays and pause days.
    public func cycle(on day: LocalDate) -> Cycle? {
        guard reasonWithoutCycle(on: day) == nil else { return nil }
        return Cycle(
            day: day, publishAt: WallClockTime.instant(on: day, at: settings.publishAt, in: timeZone),
            deadline: WallClockTime.instant(on: day, at: settings.deadline, in: timeZone))
    }

    /// The local day `instant` falls on.
    public func day(of instant: Date) -> LocalDate { LocalDate(instant, in: timeZone) }

    /// The first cycle whose publish time is at or after `instant` (looking at most a year ahead).
    public func nextCycle(atOrAfter instant: Date) -> Cycle? {
        var day = self.day(of: instant).adding(days: -1)
        for _ in 0..<370 {
            if let cycle = cycle(on: day), cycle.publishAt >= instant { return cycle }
            day = day.adding(days: 1)
        }
        return nil
    }
}
