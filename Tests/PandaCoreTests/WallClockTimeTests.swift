import Foundation
import PandaCore
import Testing

@Suite struct WallClockTimeTests {
    func utc(_ text: String) -> Date { Timestamp.parseISO8601(text)! }

    @Test func ordinaryDays() throws {
        let zone = TimeZone(identifier: "America/Chicago")!
        let instant = WallClockTime.instant(
            on: try LocalDate(parsing: "2027-01-15"), at: TimeOfDay(hour: 5, minute: 0), in: zone)
        #expect(instant == utc("2027-01-15T11:00:00Z"))
    }

    /// New York springs forward on 2027-03-14 at 02:00 → 03:00: 02:30 does not exist.
    @Test func aMissingTimeHappensAtTheJump() throws {
        let zone = TimeZone(identifier: "America/New_York")!
        let day = try LocalDate(parsing: "2027-03-14")
        #expect(
            WallClockTime.instant(on: day, at: TimeOfDay(hour: 2, minute: 30), in: zone) == utc("2027-03-14T07:00:00Z"))
        #expect(
            WallClockTime.instant(on: day, at: TimeOfDay(hour: 5, minute: 0), in: zone) == utc("2027-03-14T09:00:00Z"))
        let london = TimeZone(identifier: "Europe/London")!
        let bst = try LocalDate(parsing: "2027-03-28")
        #expect(
            WallClockTime.instant(on: bst, at: TimeOfDay(hour: 1, minute: 30), in: london)
                == utc("2027-03-28T01:00:00Z"))
    }

    /// New York falls back on 2027-11-07 at 02:00 → 01:00: 01:30 happens twice; the first counts.
    @Test func aRepeatedTimeHappensAtItsFirstOccurrence() throws {
        let zone = TimeZone(identifier: "America/New_York")!
        let day = try LocalDate(parsing: "2027-11-07")
        #expect(
            WallClockTime.instant(on: day, at: TimeOfDay(hour: 1, minute: 30), in: zone) == utc("2027-11-07T05:30:00Z"))
        #expect(
            WallClockTime.instant(on: day, at: TimeOfDay(hour: 5, minute: 0), in: zone) == utc("2027-11-07T10:00:00Z"))
        let london = TimeZone(identifier: "Europe/London")!
        let gmt = try LocalDate(parsing: "2027-10-31")
        #expect(
            WallClockTime.instant(on: gmt, at: TimeOfDay(hour: 1, minute: 30), in: london)
                == utc("2027-10-31T00:30:00Z"))
    }

    @Test func localDates() throws {
        #expect(try LocalDate(parsing: "2027-03-14").weekday == .sunday)
        #expect(try LocalDate(parsing: "2027-02-28").adding(days: 1).description == "2027-03-01")
        #expect(throws: DomainError.invalidDate("2027-02-30")) { try LocalDate(parsing: "2027-02-30") }
        #expect(throws: DomainError.invalidDate("27-1-1")) { try LocalDate(parsing: "27-1-1") }
        #expect(
            LocalDate(utc("2027-01-01T03:00:00Z"), in: TimeZone(identifier: "America/Chicago")!).description
                == "2026-12-31")
    }
}
