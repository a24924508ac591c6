import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// The operator actions the command line and the admin API share: onboarding, calendars, bans and publishing,
/// each checked before anything is stored and audited under its actor.
@Suite struct OperatorActionsTests {
    @Test func addInstitutionChecksEveryFieldFirstAndAuditsTheActor() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(dataDirectory: dir.path)
        let actions = OperatorActions(store: store, actor: "api:tester")
        let (institution, accounts) = try actions.addInstitution(
            NewInstitution(
                id: "uni1", name: "  University One ", timeZone: "Europe/London", environments: ["Production"],
                contacts: ["Ada <ada@uni.edu>"]))
        #expect(institution.name == "University One" && institution.timeZone == "Europe/London")
        #expect(accounts.map(\.username) == ["uni1"])
        #expect(institution.contacts == [Contact(name: "Ada", email: "ada@uni.edu")])
        let entry = try #require(try store.audit.list(limit: 10).last)
        #expect(entry.actor == "api:tester" && entry.event == "institution.add")
        #expect(entry.detail == "institution=uni1 accounts=uni1")
        // Both environments by default.
        let (_, both) = try actions.addInstitution(NewInstitution(id: "uni2", name: "Two", timeZone: "UTC"))
        #expect(both.map(\.username) == ["uni2-test", "uni2"])

        let refused: [(NewInstitution, any UserFacingError)] = [
            (
                NewInstitution(id: "Uni3", name: "Three"),
                DomainError.invalidInstitutionID("Uni3", reason: "use lower-case letters, digits, - and _ only")
            ),
            (NewInstitution(id: "uni3", name: "   "), OperatorError.missingName),
            (
                NewInstitution(id: "uni3", name: "Three", timeZone: "Mars/Base"),
                DomainError.invalidTimeZone("Mars/Base")
            ),
            (NewInstitution(id: "uni3", name: "Three", environments: []), OperatorError.noEnvironments),
            (
                NewInstitution(id: "uni3", name: "Three", environments: ["test", "staging"]),
                DomainError.invalidEnvironment("staging")
            ),
            (
                NewInstitution(id: "uni3", name: "Three", contacts: ["not an address"]),
                DomainError.invalidEmail("not an address")
            ),
            (
                NewInstitution(id: "uni1", name: "Again", timeZone: "UTC"),
                StoreError.alreadyExists(
                    what: "institution uni1", hint: "see `panda institution list`, or choose another id")
            ),
        ]
        for (new, expected) in refused {
            do {
                _ = try actions.addInstitution(new)
                Issue.record("\(new) was accepted")
            } catch let error as any UserFacingError {
                #expect(error.message == expected.message)
            }
        }
        #expect(try store.institutions.list().map(\.id.rawValue) == ["uni1", "uni2"])
        #expect(try store.audit.list(limit: 10).count == 2)
    }

    @Test func holidaysAndPausesAreCheckedStoredAndAudited() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(dataDirectory: dir.path)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "U", timeZone: "UTC", contacts: [], environments: [.production])
        let actions = OperatorActions(store: store, actor: "cli")
        #expect(try actions.addHolidays(["2027-01-01", "2026-12-25"], account: "uni1") == 2)
        #expect(try actions.addHolidays(["2027-01-01"], account: "uni1") == 0)
        #expect(throws: DomainError.invalidDate("2027-02-30")) {
            try actions.addHolidays(["2027-03-01", "2027-02-30"], account: "uni1")
        }
        #expect(throws: OperatorError.noDates) { try actions.addHolidays([], account: "uni1") }
        #expect(try store.calendar.holidays(of: "uni1").map(\.description) == ["2026-12-25", "2027-01-01"])
        #expect(try actions.removeHolidays(["2027-01-01"], account: "uni1") == 1)

        let pause = try actions.addPause(from: "2027-06-14", to: "2027-08-20", account: "uni1")
        #expect(
            pause
                == PauseWindow(
                    first: LocalDate(year: 2027, month: 6, day: 14), last: LocalDate(year: 2027, month: 8, day: 20)))
        #expect(throws: StoreError.self) { try actions.addPause(from: "2027-09-01", to: "2027-08-01", account: "uni1") }
        #expect(throws: StoreError.self) { try actions.addPause(from: "2027-08-01", to: "2027-09-01", account: "uni1") }
        #expect(try actions.removePause(startingOn: "2027-06-14", account: "uni1") == pause)
        #expect(throws: StoreError.self) { try actions.removePause(startingOn: "2027-06-14", account: "uni1") }
        #expect(try store.calendar.pauses(of: "uni1").isEmpty)

        let entries = try store.audit.list(account: "uni1")
        #expect(
            entries.map { "\($0.actor) \($0.event) \($0.detail)" } == [
                "cli holiday.add days=2027-01-01,2026-12-25", "cli holiday.add days=2027-01-01",
                "cli holiday.remove days=2027-01-01", "cli pause.add from=2027-06-14 to=2027-08-20",
                "cli pause.remove from=2027-06-14",
            ])
    }

    @Test func liftBanAuditsTheActorAndRefusesAnAddressNotBanned() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(dataDirectory: dir.path)
        let rule = BanRule(threshold: 1, window: 60, forgetAfter: 3600, duration: { _ in 600 })
        _ = try store.bans.recordFailure(address: "192.0.2.7", at: store.clock.now(), rule: rule)
        let actions = OperatorActions(store: store, actor: "api:tester")
        #expect(try actions.liftBan(address: "192.0.2.7").address == "192.0.2.7")
        #expect(try store.bans.list(at: store.clock.now()).isEmpty)
        #expect(throws: OperatorError.notBanned("192.0.2.7")) { try actions.liftBan(address: "192.0.2.7") }
        let entry = try #require(try store.audit.list(limit: 10).last)
        #expect(entry.actor == "api:tester" && entry.event == "ban.remove" && entry.address == "192.0.2.7")
    }

    @Test func publishRosterRecordsThePublicationUnderTheActor() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(dataDirectory: dir.path)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "U", timeZone: "UTC", contacts: [], environments: [.production])
        try store.roster.add(["K2", "K1"], to: "uni1")
        let publication = try OperatorActions(store: store, actor: "api:tester").publishRoster(
            account: "uni1", dataDirectory: dir.path)
        #expect(publication.students == 2)
        let content = try String(contentsOfFile: dir.path + "/accounts/uni1/outbound/students.csv", encoding: .utf8)
        #expect(content == "student,\"K1\"\nstudent,\"K2\"\n")
        let entry = try #require(try store.audit.list(account: "uni1").last)
        #expect(entry.actor == "api:tester" && entry.event == "roster.publish")
    }
}
