import Foundation
import PandaCore
import PandaStore
import Testing

/// The `cycles` table: a cycle is published once, its first download and its deadline decision are
/// recorded once, and "the current cycle" is the latest published.
@Suite struct CycleRepositoryTests {
    let monday = try! LocalDate(parsing: "2027-01-04")
    let tuesday = try! LocalDate(parsing: "2027-01-05")

    @Test func publicationRecordsTheCycleOnceInItsTransaction() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let store = fixture.store
        let first = try store.publications.record(
            account: "uni1", localDate: "2027-01-04", at: fixture.clock.now(), students: 2, sha256: "a",
            cycle: CyclePublication(day: monday, serverWasDown: true))
        fixture.clock.advance(60)
        // A later publication of the same day (by hand) leaves the cycle's first one.
        try store.publications.record(
            account: "uni1", localDate: "2027-01-04", at: fixture.clock.now(), students: 3, sha256: "b",
            cycle: CyclePublication(day: monday, serverWasDown: false))
        let cycle = try #require(try store.cycles.find(account: "uni1", day: monday))
        #expect(cycle.publicationID == first.id && cycle.publishedAt == first.publishedAt && cycle.serverWasDown)
        // A publication without a cycle (`panda cycle publish`) records none.
        try store.publications.record(
            account: "uni1-test", localDate: "2027-01-04", at: Date(), students: 0, sha256: "c")
        #expect(try store.cycles.find(account: "uni1-test", day: monday) == nil)
        #expect(try store.audit.list(account: "uni1").first?.actor == "scheduler")
    }

    @Test func retrievalAndDecisionAreRecordedOnceOnTheCurrentCycle() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let store = fixture.store
        let start = fixture.clock.now()
        for (offset, day) in [(0.0, monday), (86_400, tuesday)] {
            try store.publications.record(
                account: "uni1", localDate: day.description, at: start.addingTimeInterval(offset), students: 1,
                sha256: "x", cycle: CyclePublication(day: day, serverWasDown: false))
        }
        // A download at night, before Tuesday's publication, is Monday's.
        #expect(try store.cycles.markRetrieved(account: "uni1", at: start.addingTimeInterval(80_000)))
        #expect(!(try store.cycles.markRetrieved(account: "uni1", at: start.addingTimeInterval(80_001))))
        #expect(try store.cycles.find(account: "uni1", day: monday)?.retrievedAt == start.addingTimeInterval(80_000))
        #expect(try store.cycles.find(account: "uni1", day: tuesday)?.retrievedAt == nil)
        #expect(try store.cycles.current(account: "uni1", at: start.addingTimeInterval(90_000))?.day == tuesday)
        #expect(try store.cycles.current(account: "uni1", at: start.addingTimeInterval(-1)) == nil)
        // Nothing to mark before any publication.
        #expect(!(try store.cycles.markRetrieved(account: "uni1-test", at: start)))

        let decided = start.addingTimeInterval(20_000)
        #expect(try store.cycles.decide(account: "uni1", day: monday, at: decided, missed: true, serverWasDown: false))
        #expect(
            !(try store.cycles.decide(account: "uni1", day: monday, at: decided, missed: false, serverWasDown: true)))
        let cycle = try #require(try store.cycles.find(account: "uni1", day: monday))
        #expect(cycle.missed && !cycle.serverWasDown && cycle.decidedAt == decided)
        // A cycle never published is decided too (the server was down all morning).
        #expect(
            try store.cycles.decide(account: "uni1-test", day: monday, at: decided, missed: true, serverWasDown: true))
        #expect(try store.cycles.find(account: "uni1-test", day: monday)?.publishedAt == nil)
        #expect(try store.audit.list(account: "uni1-test").map(\.event) == ["cycle.missed"])
    }
}
