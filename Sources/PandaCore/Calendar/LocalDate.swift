import Foundation

/// A calendar day without a time zone, `YYYY-MM-DD`: a holiday, a pause's bounds, a cycle's day.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, refusing dates that do not exist (2027-02-30).
    public init(parsing text: String) throws(DomainError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw .invalidDate(text) }
        var components = DateComponents(year: y, month: m, day: d)
        components.calendar = Self.gregorianUTC
        guard components.isValidDate else { throw .invalidDate(text) }
        self.init(year: y, month: m, day: d)
    }

    /// The day `date` falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// The day of the week (proleptic Gregorian).
    public var weekday: Weekday {
        let noon = Self.gregorianUTC.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return Weekday(rawValue: Self.gregorianUTC.component(.weekday, from: noon))!
    }

    /// The next (or, with a negative count, an earlier) day.
    public func adding(days: Int) -> LocalDate {
        let noon = Self.gregorianUTC.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return LocalDate(noon.addingTimeInterval(Double(days) * 86_400), in: .gmt)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static let gregorianUTC: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}
