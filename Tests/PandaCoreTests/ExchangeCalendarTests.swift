import Foundation
import PandaCore
import Testing

@Suite struct ExchangeCalendarTests {
    let chicago = TimeZone(identifier: "America/Chicago")!

    func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    @Test func weekdaysOnlyByDefault() {
        let calendar = ExchangeCalendar(settings: AccountSettings(), timeZone: chicago)
        // 2027-01-04 is a Monday.
        let week = (0..<7).map { calendar.cycle(on: day("2027-01-04").adding(days: $0)) != nil }
        #expect(week == [true, true, true, true, true, false, false])
        #expect(calendar.reasonWithoutCycle(on: day("2027-01-09")) == "not an exchange day")
    }

    @Test func holidaysAndPausesHaveNoCycle() {
        let calendar = ExchangeCalendar(
            settings: AccountSettings(), timeZone: chicago, holidays: [day("2027-01-05")],
            pauses: [day("2027-06-14")...day("2027-08-20")])
        #expect(calendar.cycle(on: day("2027-01-05")) == nil)
        #expect(calendar.reasonWithoutCycle(on: day("2027-01-05")) == "holiday")
        #expect(calendar.reasonWithoutCycle(on: day("2027-07-01")) == "paused")
        #expect(calendar.cycle(on: day("2027-08-23")) != nil)
    }

    @Test func publishAndDeadlineInTheAccountsZone() throws {
        var settings = AccountSettings()
        settings.publishAt = TimeOfDay(hour: 6, minute: 15)
        let calendar = ExchangeCalendar(settings: settings, timeZone: chicago)
        let cycle = try #require(calendar.cycle(on: day("2027-01-04")))
        #expect(cycle.publishAt == Timestamp.parseISO8601("2027-01-04T12:15:00Z"))
        #expect(cycle.deadline == Timestamp.parseISO8601("2027-01-04T18:00:00Z"))
    }

    @Test func nextCycleSkipsTheWeekend() throws {
        let calendar = ExchangeCalendar(settings: AccountSettings(), timeZone: chicago)
        // Friday 2027-01-08 after publishing time: the next cycle is Monday's.
        let next = try #require(calendar.nextCycle(atOrAfter: Timestamp.parseISO8601("2027-01-08T15:00:00Z")!))
        #expect(next.day == day("2027-01-11"))
    }
}
