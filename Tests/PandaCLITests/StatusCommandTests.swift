import Foundation
import PandaTesting
import Testing

/// `panda status [ACCOUNT]`: the state of a day's cycle per account, its JSON, coverage, and its errors.
@Suite struct StatusCommandTests {
    /// `YYYY-MM-DD` of the first day after next week whose weekday (1 = Sunday) is `weekday`, in UTC: a day
    /// that is in the future whenever the test runs.
    static func upcoming(_ weekday: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = Date().addingTimeInterval(8 * 86_400)
        while calendar.component(.weekday, from: day) != weekday { day += 86_400 }
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func statesOfDaysWithAndWithoutACycle() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        #expect(try cli.ok("status").contains("no accounts yet"))
        try cli.ok("institution", "add", "uni1", "--name", "U1", "--timezone", "America/Chicago")
        let saturday = Self.upcoming(7)
        let wednesday = Self.upcoming(4)
        let weekend = try #require(try cli.json("status", "uni1", "--day", saturday) as? [String: Any])
        #expect(weekend["state"] as? String == "none" && weekend["reason"] as? String == "not an exchange day")
        try cli.ok("holiday", "add", "uni1", wednesday)
        let holiday = try #require(try cli.json("status", "uni1", "--day", wednesday) as? [String: Any])
        #expect(holiday["state"] as? String == "none" && holiday["reason"] as? String == "holiday")
        try cli.ok("holiday", "remove", "uni1", wednesday)
        try cli.ok("account", "set", "uni1", "--publish-at", "06:15", "--deadline", "11:30")
        let scheduled = try #require(try cli.json("status", "uni1", "--day", wednesday) as? [String: Any])
        #expect(scheduled["state"] as? String == "scheduled")
        #expect(scheduled["day"] as? String == wednesday && scheduled["timeZone"] as? String == "America/Chicago")
        let cycle = try #require(scheduled["cycle"] as? [String: Any])
        // Chicago is UTC-6 in winter, UTC-5 in summer.
        let publishAt = try #require(cycle["publishAt"] as? String)
        #expect(publishAt.hasPrefix(wednesday + "T12:15") || publishAt.hasPrefix(wednesday + "T11:15"))
        #expect(cycle["publishedAt"] is NSNull && cycle["deadlineMissed"] as? Bool == false)
        #expect(scheduled["files"] as? [Any] != nil)

        let all = try #require(try cli.json("status") as? [[String: Any]])
        #expect(all.map { $0["account"] as? String } == ["uni1", "uni1-test"])
        #expect(all.allSatisfy { CycleStateNames.all.contains($0["state"] as? String ?? "?") })
        let table = try cli.ok("status")
        #expect(
            table.contains("ACCOUNT") && table.contains("uni1-test") && table.contains("06:15-11:30 America/Chicago"))
        let detail = try cli.ok("status", "uni1", "--day", wednesday)
        #expect(
            detail.contains("Cycle of \(wednesday) (Wednesday) for uni1") && detail.contains("state         scheduled"))
    }

    @Test func coverageBeforeAnyFile() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U1", "--timezone", "America/Chicago")
        try cli.ok("roster", "add", "uni1", "K2", "K1")
        let wednesday = Self.upcoming(4)
        let text = try cli.ok("status", "uni1", "--day", wednesday, "--coverage")
        #expect(text.contains("coverage: 2 students expected (current roster)"))
        #expect(text.contains("programuser       no file; 2 students without data"))
        let json = try #require(try cli.json("status", "uni1", "--day", wednesday, "--coverage") as? [String: Any])
        let coverage = try #require(json["coverage"] as? [String: Any])
        let types = try #require(coverage["types"] as? [[String: Any]])
        #expect(types.map { $0["type"] as? String } == ["user", "propertyuserbyid", "programuser"])
        #expect(types[0]["without"] as? [String] == ["K1", "K2"] && types[0]["withData"] as? Int == 0)
        // Without --coverage, no coverage is computed.
        #expect(try #require(try cli.json("status", "uni1") as? [String: Any])["coverage"] == nil)
    }

    @Test func badInputIsRefusedWithAMessage() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U1", "--timezone", "America/Chicago")
        let unknown = try cli.run("status", "nosuch")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("account nosuch does not exist"))
        let twoAccounts = try cli.run("status", "uni1", "uni1-test")
        #expect(twoAccounts.status == 2 && twoAccounts.stderr.contains("unexpected argument \"uni1-test\""))
        let badDay = try cli.run("status", "uni1", "--day", "2027-02-30")
        #expect(badDay.status == 1 && badDay.stderr.contains("2027-02-30"))
    }

    @Test func filesSaysHowLongEachFileIsKept() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U1", "--environments", "production")
        try cli.ok("roster", "add", "uni1", "K1")
        try cli.ok("account", "set", "uni1", "--retention-days", "30")
        let file = try cli.write("user.csv", "user,K1,a,,Ada,Lovelace,,2,1\n")
        try cli.ok("import", "uni1", file)
        let listing = try cli.ok("files", "uni1")
        #expect(listing.contains("COPY"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let until = Date().addingTimeInterval(30 * 86_400)
        let c = calendar.dateComponents([.year, .month, .day], from: until)
        let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        #expect(listing.contains("kept until \(date)"), "\(listing)")
        let json = try #require(try cli.json("files", "uni1") as? [[String: Any]])
        #expect(json.first?["purgedAt"] is NSNull)
    }
}

/// The states of the JSON contract.
enum CycleStateNames {
    static let all: Set<String> = [
        "scheduled", "published", "retrieved", "uploaded", "processed", "processed_with_errors", "held", "missed",
        "none",
    ]
}
