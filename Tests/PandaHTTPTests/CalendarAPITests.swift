import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

/// Holidays and pause windows over the API: stored and audited as `panda holiday|pause …` store and audit them,
/// bad input refused without a change.
@Suite struct CalendarAPITests {
    static let holidays = "/api/v1/accounts/uni1/holidays"
    static let pauses = "/api/v1/accounts/uni1/pauses"

    @Test func holidaysAreAddedListedAndRemoved() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let added = try fixture.api(
            "POST", Self.holidays, body: #"{"dates": ["2031-01-01", "2030-12-25", "2031-01-01"]}"#)
        #expect(added.status == 200, "\(added.text)")
        #expect(added.object["added"] as? Int == 2)
        #expect(added.object["holidays"] as? [String] == ["2030-12-25", "2031-01-01"])
        #expect(try fixture.store.calendar.holidays(of: "uni1").map(\.description) == ["2030-12-25", "2031-01-01"])
        #expect(try fixture.store.calendar.holidays(of: "uni1-test").isEmpty)
        let again = try fixture.api("POST", Self.holidays, body: #"{"dates": ["2031-01-01"]}"#)
        #expect(again.status == 200 && again.object["added"] as? Int == 0)

        let listed = try fixture.api("GET", Self.holidays)
        #expect(listed.status == 200 && listed.json as? [String] == ["2030-12-25", "2031-01-01"])
        let account = try fixture.api("GET", "/api/v1/accounts/uni1")
        #expect(account.object["holidays"] as? [String] == ["2030-12-25", "2031-01-01"])

        let removed = try fixture.api("DELETE", Self.holidays + "/2031-01-01")
        #expect(removed.status == 200, "\(removed.text)")
        #expect(removed.object["removed"] as? String == "2031-01-01")
        #expect(removed.object["holidays"] as? [String] == ["2030-12-25"])
        #expect(try fixture.store.calendar.holidays(of: "uni1").map(\.description) == ["2030-12-25"])

        let entries = try fixture.store.audit.list(account: "uni1")
        #expect(
            entries.map { "\($0.actor) \($0.event) \($0.detail)" } == [
                "api:tester holiday.add days=2031-01-01,2030-12-25,2031-01-01",
                "api:tester holiday.add days=2031-01-01",
                "api:tester holiday.remove days=2031-01-01",
            ])
    }

    @Test func badHolidaysAreRefusedAndChangeNothing() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try fixture.store.calendar.addHolidays([try LocalDate(parsing: "2030-12-25")], to: "uni1")
        let before = try fixture.operatorState()
        let posts: [(path: String, body: String, status: Int, code: String, message: String)] = [
            (
                "/api/v1/accounts/nope/holidays", #"{"dates": ["2031-01-01"]}"#, 404, "not_found",
                "account nope does not exist"
            ),
            (
                Self.holidays, #"{"dates": ["2031-01-02", "2031-02-30"]}"#, 422, "invalid_value",
                "invalid date \"2031-02-30\"; use YYYY-MM-DD"
            ),
            (Self.holidays, #"{"dates": ["01/02/2031"]}"#, 422, "invalid_value", "invalid date \"01/02/2031\""),
            (Self.holidays, #"{"dates": ["2031-1-2"]}"#, 422, "invalid_value", "invalid date \"2031-1-2\""),
            (Self.holidays, #"{"dates": []}"#, 422, "invalid_value", "give at least one date (YYYY-MM-DD)"),
            (Self.holidays, #"{"dates": "2031-01-01"}"#, 400, "invalid_field", "field \"dates\" must be an array"),
            (Self.holidays, #"{"dates": [20310101]}"#, 400, "invalid_field", "field \"dates[0]\" must be a string"),
            (Self.holidays, #"{"date": "2031-01-01"}"#, 400, "missing_field", "missing field \"dates\""),
            (Self.holidays, #"{"dates": ["#, 400, "invalid_json", "not valid JSON"),
        ]
        for (path, body, status, code, message) in posts {
            try fixture.api("POST", path, body: body).expectError(status, code, message)
        }
        let deletes: [(path: String, status: Int, code: String, message: String)] = [
            ("/api/v1/accounts/nope/holidays/2030-12-25", 404, "not_found", "account nope does not exist"),
            (Self.holidays + "/2030-12-26", 404, "not_found", "2030-12-26 is not a holiday of uni1"),
            (Self.holidays + "/christmas", 422, "invalid_value", "invalid date \"christmas\"; use YYYY-MM-DD"),
        ]
        for (path, status, code, message) in deletes {
            try fixture.api("DELETE", path).expectError(status, code, message)
        }
        try fixture.expectTokenRequired("GET", Self.holidays)
        try fixture.expectTokenRequired("POST", Self.holidays, body: #"{"dates": ["2031-01-01"]}"#)
        try fixture.expectTokenRequired("DELETE", Self.holidays + "/2030-12-25")
        #expect(try fixture.operatorState() == before)
    }

    @Test func pausesAreAddedListedAndRemoved() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let added = try fixture.api("POST", Self.pauses, body: #"{"from": "2031-06-14", "to": "2031-08-20"}"#)
        #expect(added.status == 201, "\(added.text)")
        #expect(added.object["from"] as? String == "2031-06-14" && added.object["to"] as? String == "2031-08-20")
        let oneDay = try fixture.api("POST", Self.pauses, body: #"{"from": "2031-12-24", "to": "2031-12-24"}"#)
        #expect(oneDay.status == 201)
        let stored = try fixture.store.calendar.pauses(of: "uni1")
        #expect(stored.map { "\($0.first) \($0.last)" } == ["2031-06-14 2031-08-20", "2031-12-24 2031-12-24"])

        let listed = try fixture.api("GET", Self.pauses)
        #expect(
            listed.array.map { "\($0["from"] as? String ?? "") \($0["to"] as? String ?? "")" } == [
                "2031-06-14 2031-08-20", "2031-12-24 2031-12-24",
            ])
        let removed = try fixture.api("DELETE", Self.pauses + "/2031-06-14")
        #expect(removed.status == 200, "\(removed.text)")
        #expect(removed.object["from"] as? String == "2031-06-14" && removed.object["to"] as? String == "2031-08-20")
        #expect(try fixture.store.calendar.pauses(of: "uni1").map(\.first.description) == ["2031-12-24"])

        let entries = try fixture.store.audit.list(account: "uni1")
        #expect(
            entries.map { "\($0.actor) \($0.event) \($0.detail)" } == [
                "api:tester pause.add from=2031-06-14 to=2031-08-20",
                "api:tester pause.add from=2031-12-24 to=2031-12-24",
                "api:tester pause.remove from=2031-06-14",
            ])
    }

    @Test func badPausesAreRefusedAndChangeNothing() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try fixture.store.calendar.addPause(
            PauseWindow(first: try LocalDate(parsing: "2031-06-14"), last: try LocalDate(parsing: "2031-08-20")),
            to: "uni1")
        let before = try fixture.operatorState()
        let posts: [(path: String, body: String, status: Int, code: String, message: String)] = [
            (
                "/api/v1/accounts/nope/pauses", #"{"from": "2031-01-01", "to": "2031-01-31"}"#, 404, "not_found",
                "account nope does not exist"
            ),
            (
                Self.pauses, #"{"from": "2031-09-30", "to": "2031-09-01"}"#, 422, "invalid_value",
                "a pause must end on or after its first day (2031-09-30 to 2031-09-01)"
            ),
            (
                Self.pauses, #"{"from": "2031-08-01", "to": "2031-09-01"}"#, 409, "conflict",
                "a pause from 2031-06-14 to 2031-08-20 overlapping it already exists"
            ),
            (
                Self.pauses, #"{"from": "2031-13-01", "to": "2031-12-31"}"#, 422, "invalid_value",
                "invalid date \"2031-13-01\"; use YYYY-MM-DD"
            ),
            (
                Self.pauses, #"{"from": "2031-10-01", "to": "next week"}"#, 422, "invalid_value",
                "invalid date \"next week\""
            ),
            (Self.pauses, #"{"from": "2031-10-01"}"#, 400, "missing_field", "missing field \"to\""),
            (Self.pauses, #"{"to": "2031-10-01"}"#, 400, "missing_field", "missing field \"from\""),
            (
                Self.pauses, #"{"from": 20311001, "to": "2031-10-31"}"#, 400, "invalid_field",
                "field \"from\" must be a string"
            ),
            (Self.pauses, #"["2031-10-01", "2031-10-31"]"#, 400, "invalid_field", "must be an object"),
        ]
        for (path, body, status, code, message) in posts {
            try fixture.api("POST", path, body: body).expectError(status, code, message)
        }
        let deletes: [(path: String, status: Int, code: String, message: String)] = [
            ("/api/v1/accounts/nope/pauses/2031-06-14", 404, "not_found", "account nope does not exist"),
            (
                Self.pauses + "/2031-06-15", 404, "not_found",
                "a pause of uni1 starting on 2031-06-15 does not exist"
            ),
            (Self.pauses + "/june", 422, "invalid_value", "invalid date \"june\""),
        ]
        for (path, status, code, message) in deletes {
            try fixture.api("DELETE", path).expectError(status, code, message)
        }
        try fixture.expectTokenRequired("GET", Self.pauses)
        try fixture.expectTokenRequired("POST", Self.pauses, body: #"{"from": "2031-10-01", "to": "2031-10-31"}"#)
        try fixture.expectTokenRequired("DELETE", Self.pauses + "/2031-06-14")
        #expect(try fixture.operatorState() == before)
    }

    /// The API and `panda holiday add` / `panda pause add` on the same data directory: the same days stored, the
    /// same audit line but for the actor.
    @Test func theAPIStoresWhatTheCommandLineStores() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let cli = try PandaBinary.run(
            ["holiday", "add", "uni1-test", "2031-01-01", "2030-12-25"], dataDirectory: fixture.directory.path)
        #expect(cli.status == 0, "\(cli.stderr)")
        let pauseCLI = try PandaBinary.run(
            ["pause", "add", "uni1-test", "2031-06-14", "2031-08-20"], dataDirectory: fixture.directory.path)
        #expect(pauseCLI.status == 0, "\(pauseCLI.stderr)")
        #expect(try fixture.api("POST", Self.holidays, body: #"{"dates": ["2031-01-01", "2030-12-25"]}"#).status == 200)
        #expect(
            try fixture.api("POST", Self.pauses, body: #"{"from": "2031-06-14", "to": "2031-08-20"}"#).status == 201)

        #expect(try fixture.store.calendar.holidays(of: "uni1") == fixture.store.calendar.holidays(of: "uni1-test"))
        #expect(try fixture.store.calendar.pauses(of: "uni1") == fixture.store.calendar.pauses(of: "uni1-test"))
        let byCLI = try fixture.store.audit.list(account: "uni1-test")
        let byAPI = try fixture.store.audit.list(account: "uni1")
        #expect(byCLI.map(\.actor) == ["cli", "cli"] && byAPI.map(\.actor) == ["api:tester", "api:tester"])
        #expect(byCLI.map { "\($0.event) \($0.detail)" } == byAPI.map { "\($0.event) \($0.detail)" })
        // And each side reads what the other wrote.
        let listed = try PandaBinary.run(["holiday", "list", "uni1", "--json"], dataDirectory: fixture.directory.path)
        #expect(listed.stdout.contains("2030-12-25") && listed.stdout.contains("2031-01-01"))
        #expect(
            try fixture.api("GET", "/api/v1/accounts/uni1-test/holidays").json as? [String] == [
                "2030-12-25", "2031-01-01",
            ])
    }
}
