import Foundation
import PandaTesting
import Testing

@Suite struct OnboardingTests {
    @Test func institutionAddCreatesBothAccounts() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let out = try cli.ok(
            "institution", "add", "uni1", "--name", "University One", "--timezone", "America/Chicago", "--contact",
            "Ada <ada@uni.edu>", "--contact", "it@uni.edu")
        #expect(out.contains("uni1-test"))
        let list = try cli.json("institution", "list") as? [[String: Any]]
        #expect(list?.count == 1)
        let accounts = (list?[0]["accounts"] as? [[String: Any]])?.compactMap { $0["username"] as? String }
        #expect(accounts == ["uni1", "uni1-test"])
        #expect((list?[0]["contacts"] as? [[String: Any]])?.count == 2)
        let only = try cli.ok("institution", "add", "uni2", "--name", "Two", "--environments", "production")
        #expect(!only.contains("uni2-test"))
        #expect(try cli.run("account", "show", "uni2-test").status == 1)
    }

    @Test func accountShowGivesWhatTheInstitutionNeeds() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "University One", "--timezone", "Europe/London")
        let text = try cli.ok("account", "show", "uni1-test")
        for expected in [
            "username  uni1-test", "port      2222", "/outbound/students.csv", "/outbound/archive/", "/inbound/",
            "/validate/", "/results/", "Europe/London", "sftp -P 2222", "not generated yet",
        ] {
            #expect(text.contains(expected), "account show lacks \(expected)")
        }
        let json = try cli.json("account", "show", "uni1") as? [String: Any]
        #expect(json?["port"] as? Int == 2222)
        #expect((json?["folders"] as? [String: Any])?["inbound"] as? String == "/inbound")
    }

    @Test func accountShowGivesTheAgentCommandWithMovedFoldersNamed() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "University One", "--timezone", "Europe/London")
        let standard = try cli.ok("account", "show", "uni1")
        #expect(standard.contains("--user uni1 --key ~/.ssh/id_ed25519 --host-key SHA256:… EXPORT.csv…"), "\(standard)")
        try cli.ok("account", "set", "uni1", "--inbound-folder", "/upload", "--outbound-folder", "/out")
        let moved = try cli.ok("account", "show", "uni1")
        #expect(moved.contains("--students /out/students.csv --inbound /upload EXPORT.csv…"), "\(moved)")
        #expect(!moved.contains("--results"))
    }

    @Test func accountSetStoresAndShowsEverySetting() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U", "--timezone", "America/New_York")
        try cli.ok(
            "account", "set", "uni1", "--publish-at", "06:15", "--deadline", "13:00", "--days", "mon,wed,fri",
            "--timezone", "America/Chicago", "--webhook", "https://hooks.uni.edu/panda", "--webhook-secret", "s3cret",
            "--notify-email", "it@uni.edu,sis@uni.edu", "--digest", "on", "--settle", "0", "--threshold", "35",
            "--max-file-size", "500MiB", "--quota", "5GiB", "--max-files-per-day", "50", "--retention-days", "30",
            "--max-sessions", "4")
        let s = (try cli.json("account", "show", "uni1") as? [String: Any])?["settings"] as? [String: Any]
        #expect(s?["publishAt"] as? String == "06:15")
        #expect(s?["deadline"] as? String == "13:00")
        #expect(s?["days"] as? [String] == ["mon", "wed", "fri"])
        #expect(s?["timeZone"] as? String == "America/Chicago")
        #expect(s?["webhook"] as? String == "https://hooks.uni.edu/panda")
        #expect(s?["webhookSecretSet"] as? Bool == true)
        #expect(s?["notifyEmails"] as? [String] == ["it@uni.edu", "sis@uni.edu"])
        #expect(s?["digest"] as? Bool == true)
        #expect(s?["settleSeconds"] as? Int == 0)
        #expect(s?["thresholdPercent"] as? Int == 35)
        #expect(s?["maxFileSize"] as? Int == 500 << 20)
        #expect(s?["quota"] as? Int == 5 << 30)
        #expect(s?["maxFilesPerDay"] as? Int == 50)
        #expect(s?["retentionDays"] as? Int == 30)
        #expect(s?["maxSessions"] as? Int == 4)
        // The secret itself is never printed.
        #expect(!(try cli.ok("account", "show", "uni1")).contains("s3cret"))
    }

    @Test func aBadSettingChangesNothing() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        let result = try cli.run("account", "set", "uni1", "--publish-at", "07:00", "--threshold", "150")
        #expect(result.status == 1)
        #expect(result.stderr.contains("threshold"))
        let late = try cli.run("account", "set", "uni1", "--deadline", "04:00")
        #expect(late.status == 1)
        #expect(late.stderr.contains("must be later in the day"))
        let s = (try cli.json("account", "show", "uni1") as? [String: Any])?["settings"] as? [String: Any]
        #expect(s?["publishAt"] as? String == "05:00")
        #expect(s?["deadline"] as? String == "12:00")
        #expect(try cli.run("account", "set", "uni1").status == 2)
    }
}

@Suite struct CalendarCommandTests {
    @Test func holidaysAndPausesAreStoredAndShown() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U")
        #expect(try cli.ok("holiday", "add", "uni1", "2027-01-01", "2026-12-25").contains("2 holidays added"))
        try cli.ok("pause", "add", "uni1", "2027-06-14", "2027-08-20")
        let overlap = try cli.run("pause", "add", "uni1", "2027-08-01", "2027-09-01")
        #expect(overlap.status == 1)
        #expect(overlap.stderr.contains("overlapping"))
        let backwards = try cli.run("pause", "add", "uni1", "2027-09-01", "2027-08-01")
        #expect(backwards.status == 1)
        #expect(try cli.run("holiday", "add", "uni1", "2027-02-30").status == 1)
        let shown = try cli.json("account", "show", "uni1") as? [String: Any]
        #expect(shown?["holidays"] as? [String] == ["2026-12-25", "2027-01-01"])
        #expect((shown?["pauses"] as? [[String: String]])?.first?["to"] == "2027-08-20")
        try cli.ok("holiday", "remove", "uni1", "2027-01-01")
        try cli.ok("pause", "remove", "uni1", "2027-06-14")
        #expect(try cli.ok("holiday", "list", "uni1") == "2026-12-25\n")
        #expect(try cli.ok("pause", "list", "uni1").contains("no pauses"))
        #expect(try cli.run("pause", "remove", "uni1", "2027-06-14").status == 1)
    }
}
