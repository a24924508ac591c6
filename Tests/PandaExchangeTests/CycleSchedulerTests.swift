import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// The scheduler over whole weeks with a hand-set clock: exchange days, holidays, pauses, daylight saving
/// time, catch-up after downtime, and no second publication after a restart.
@Suite struct CycleSchedulerTests {
    /// 2027-01-04 is a Monday.
    static let week = ["2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"]

    @Test func publishesOnWeekdaysOnlyAtThePublishTimeAndMissesEachDeadline() throws {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-03", "00:00"))
        let ticks = fixture.run(until: fixture.local("2027-01-10", "23:59"))
        let publications = try fixture.publications()
        #expect(publications.map(\.day) == Self.week)
        #expect(publications.map(\.at) == Self.week.map { fixture.local($0, "05:00") })
        #expect(fixture.files("archive") == Self.week.map { "students-\($0).csv" })
        #expect(fixture.files("outbound") == ["students.csv"])
        for day in Self.week {
            let cycle = try #require(try fixture.cycle(day))
            #expect(cycle.missed && !cycle.serverWasDown && cycle.decidedAt == fixture.local(day, "12:00"))
        }
        #expect(try fixture.cycle("2027-01-09") == nil)
        let missed = fixture.notifier.of(.cycleMissed)
        #expect(missed.map { $0.occurredAt } == Self.week.map { fixture.local($0, "12:00") })
        let first = try #require(missed.first)
        #expect(first.summary.contains("2027-01-04") && !first.summary.contains("server was down"))
        #expect(JSONValue.object(first.details) == JSONValue.object(Self.missedDetails(day: "2027-01-04", fixture)))
        // A week is a few hundred ticks, not one per minute.
        #expect(ticks < 400)
        // Each day's summary was written into results at its deadline.
        #expect(fixture.files("results") == Self.week.map { "cycle-\($0).summary.txt" })
    }

    static func missedDetails(day: String, _ fixture: CycleFixture, down: Bool = false) -> [(String, JSONValue)] {
        [
            ("day", .string(day)), ("deadline", .date(fixture.local(day, "12:00"))),
            ("deadlineLocal", .string("12:00")),
            ("timeZone", .string(fixture.zone.identifier)), ("serverWasDown", .bool(down)), ("published", .bool(true)),
            ("retrieved", .bool(false)),
        ]
    }

    @Test func holidaysAndPauseWindowsHaveNoCycle() throws {
        let fixture = try CycleFixture()
        try fixture.store.calendar.addHolidays([try LocalDate(parsing: "2027-01-05")], to: fixture.account)
        try fixture.store.calendar.addPause(
            PauseWindow(first: try LocalDate(parsing: "2027-01-07"), last: try LocalDate(parsing: "2027-01-12")),
            to: fixture.account)
        fixture.clock.set(fixture.local("2027-01-03", "00:00"))
        fixture.run(until: fixture.local("2027-01-14", "23:00"))
        #expect(try fixture.publications().map(\.day) == ["2027-01-04", "2027-01-06", "2027-01-13", "2027-01-14"])
        #expect(try fixture.status("2027-01-05").state == .none)
        #expect(try fixture.status("2027-01-05").reason == "holiday")
        #expect(try fixture.status("2027-01-11").reason == "paused")
        #expect(try fixture.status("2027-01-09").reason == "not an exchange day")
        #expect(fixture.notifier.of(.cycleMissed).count == 4)
    }

    @Test func springForwardInNewYorkPublishesAtTheJump() throws {
        // 2027-03-14: clocks jump from 02:00 to 03:00; 02:30 does not exist that day.
        let fixture = try CycleFixture(settings: Self.everyDay(publish: "02:30", deadline: "09:00"))
        fixture.clock.set(Timestamp.parseISO8601("2027-03-13T15:00:00Z")!)  // after that day's deadline
        fixture.run(until: Timestamp.parseISO8601("2027-03-16T00:00:00Z")!, poll: 600)
        let publications = try fixture.publications()
        #expect(publications.map(\.day) == ["2027-03-14", "2027-03-15"])
        #expect(publications[0].at == Timestamp.parseISO8601("2027-03-14T07:00:00Z"))  // 03:00 EDT
        #expect(publications[1].at == Timestamp.parseISO8601("2027-03-15T06:30:00Z"))  // 02:30 EDT
    }

    @Test func fallBackInNewYorkPublishesOnceAtTheFirstOccurrence() throws {
        // 2027-11-07: clocks fall back from 02:00 to 01:00; 01:30 happens twice.
        let fixture = try CycleFixture(settings: Self.everyDay(publish: "01:30", deadline: "01:45"))
        fixture.clock.set(Timestamp.parseISO8601("2027-11-06T12:00:00Z")!)
        fixture.run(until: Timestamp.parseISO8601("2027-11-08T00:00:00Z")!, poll: 300)
        let publications = try fixture.publications()
        #expect(publications.map(\.day) == ["2027-11-07"])
        #expect(publications[0].at == Timestamp.parseISO8601("2027-11-07T05:30:00Z"))  // 01:30 EDT, the first
        // Its deadline is the first 01:45 too: decided before the second 01:30 came round.
        #expect(try fixture.cycle("2027-11-07")?.decidedAt == Timestamp.parseISO8601("2027-11-07T05:45:00Z"))
    }

    @Test func springForwardInLondonPublishesAtTheJump() throws {
        // 2027-03-28: clocks jump from 01:00 to 02:00; 01:30 does not exist that day.
        let fixture = try CycleFixture(
            zone: "Europe/London", settings: Self.everyDay(publish: "01:30", deadline: "12:00"))
        fixture.clock.set(Timestamp.parseISO8601("2027-03-27T12:00:00Z")!)
        fixture.run(until: Timestamp.parseISO8601("2027-03-28T23:00:00Z")!, poll: 600)
        #expect(try fixture.publications().map(\.day) == ["2027-03-28"])
        #expect(try fixture.publications().map(\.at) == [Timestamp.parseISO8601("2027-03-28T01:00:00Z")!])  // 02:00 BST
    }

    @Test func fallBackInLondonPublishesOnceAtTheFirstOccurrence() throws {
        // 2027-10-31: clocks fall back from 02:00 to 01:00; 01:30 happens twice.
        let fixture = try CycleFixture(
            zone: "Europe/London", createdAt: "2027-10-01T00:00:00Z",
            settings: Self.everyDay(publish: "01:30", deadline: "12:00"))
        fixture.clock.set(Timestamp.parseISO8601("2027-10-30T12:00:00Z")!)
        fixture.run(until: Timestamp.parseISO8601("2027-10-31T23:00:00Z")!, poll: 600)
        #expect(try fixture.publications().map(\.day) == ["2027-10-31"])
        #expect(try fixture.publications().map(\.at) == [Timestamp.parseISO8601("2027-10-31T00:30:00Z")!])  // 01:30 BST
    }

    @Test func catchesUpAfterDowntimeAndSaysTheServerWasDown() throws {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-04", "00:00"))
        fixture.run(until: fixture.local("2027-01-04", "11:00"))
        #expect(try fixture.publications().map(\.day) == ["2027-01-04"])
        // Down from Monday 11:00 to Wednesday 09:00.
        fixture.clock.set(fixture.local("2027-01-06", "09:00"))
        fixture.restart()
        fixture.scheduler.tick()
        // Monday was published but its deadline passed while down; Tuesday was never published; Wednesday
        // is published now, late.
        let monday = try #require(try fixture.cycle("2027-01-04"))
        let tuesday = try #require(try fixture.cycle("2027-01-05"))
        let wednesday = try #require(try fixture.cycle("2027-01-06"))
        #expect(monday.missed && monday.serverWasDown && monday.publishedAt != nil)
        #expect(tuesday.missed && tuesday.serverWasDown && tuesday.publishedAt == nil)
        #expect(wednesday.publishedAt == fixture.local("2027-01-06", "09:00") && wednesday.serverWasDown)
        #expect(wednesday.decidedAt == nil)
        #expect(try fixture.publications().map(\.day) == ["2027-01-04", "2027-01-06"])
        let missed = fixture.notifier.of(.cycleMissed)
        #expect(missed.count == 2)
        #expect(missed.allSatisfy { $0.summary.contains("server was down") })
        #expect(
            JSONValue.object(missed[1].details)
                == JSONValue.object(
                    Self.missedDetails(day: "2027-01-05", fixture, down: true).map {
                        $0.0 == "published" ? ($0.0, .bool(false)) : $0
                    }))
        // Wednesday's deadline passes with the server up: missed, and still said to be a catch-up day.
        fixture.run(until: fixture.local("2027-01-06", "13:00"))
        #expect(try fixture.cycle("2027-01-06")?.missed == true)
        #expect(fixture.notifier.of(.cycleMissed).last?.details.first { $0.0 == "serverWasDown" }?.1 == .bool(true))
        #expect(try fixture.store.audit.list(account: "uni1").filter { $0.event == "cycle.missed" }.count == 3)
    }

    @Test func neverPublishesTwiceForTheSameDayAfterARestart() throws {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-04", "04:00"))
        fixture.run(until: fixture.local("2027-01-04", "05:00"))
        #expect(try fixture.publications().count == 1)
        for minutes in [0.0, 1, 30] {
            fixture.restart()
            fixture.clock.set(fixture.local("2027-01-04", "05:00").addingTimeInterval(minutes * 60))
            fixture.scheduler.tick()
        }
        #expect(try fixture.publications().count == 1)
        #expect(try fixture.cycle("2027-01-04")?.serverWasDown == false)
        // Nor is a decided deadline notified twice.
        fixture.run(until: fixture.local("2027-01-04", "12:30"))
        fixture.restart()
        fixture.scheduler.tick()
        #expect(fixture.notifier.of(.cycleMissed).count == 1)
    }

    @Test func aFirstStartCatchesUpTodayOnly() throws {
        // The account exists since December; no scheduler ever ran on this database before Wednesday 06:00.
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-06", "06:00"))
        fixture.scheduler.tick()
        #expect(try fixture.publications().map(\.day) == ["2027-01-06"])
        #expect(try fixture.cycle("2027-01-05") == nil)
        #expect(fixture.notifier.all.isEmpty)
    }

    @Test func anAccountCreatedAfterThePublishTimeStartsTheNextDay() throws {
        let fixture = try CycleFixture(createdAt: "2027-01-04T15:00:00Z")  // Monday 10:00 in New York
        fixture.run(until: fixture.local("2027-01-05", "06:00"))
        #expect(try fixture.publications().map(\.day) == ["2027-01-05"])
        #expect(try fixture.status("2027-01-04").state == .none)
        #expect(try fixture.status("2027-01-04").reason == "the account was created after this day's publish time")
    }

    @Test func aNodeThatDoesNotLeadDoesNothingAndCatchesUpWhenItLeads() throws {
        let leadership = SwitchableLeadership(false)
        let fixture = try CycleFixture(leadership: leadership)
        fixture.clock.set(fixture.local("2027-01-04", "04:00"))
        fixture.run(until: fixture.local("2027-01-04", "08:00"))
        #expect(try fixture.publications().isEmpty)
        leadership.leading.store(true, ordering: .releasing)
        fixture.scheduler.tick()
        #expect(try fixture.cycle("2027-01-04")?.serverWasDown == true)
        #expect(try fixture.publications().count == 1)
    }

    @Test func anUploadBeforeTheDeadlineIsNotMissed() throws {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-04", "04:00"))
        fixture.run(until: fixture.local("2027-01-04", "09:00"))
        try fixture.upload("user.csv", "user,\"K1\",\"a\",\"\",\"Ada\",\"L\",\"\",\"2\",\"1\"\n")
        #expect(try fixture.status().state == .uploaded)
        fixture.run(until: fixture.local("2027-01-04", "13:00"))
        let cycle = try #require(try fixture.cycle("2027-01-04"))
        #expect(cycle.decidedAt != nil && !cycle.missed)
        #expect(fixture.notifier.all.isEmpty)
    }

    static func everyDay(publish: String, deadline: String) -> (inout AccountSettings) -> Void {
        { settings in
            settings.days = Weekday.allCases
            settings.publishAt = try! TimeOfDay(parsing: publish)
            settings.deadline = try! TimeOfDay(parsing: deadline)
        }
    }
}
