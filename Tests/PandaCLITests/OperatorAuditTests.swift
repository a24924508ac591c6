import Foundation
import PandaTesting
import Testing

/// The operator commands that share their code with the admin API record the same audit lines, as `cli`.
@Suite struct OperatorAuditTests {
    @Test func onboardingCalendarAndPublishingAreAuditedAsTheCommandLine() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try cli.ok("institution", "add", "uni1", "--name", "U", "--timezone", "UTC", "--environments", "production")
        try cli.ok("holiday", "add", "uni1", "2027-01-01")
        try cli.ok("pause", "add", "uni1", "2027-06-14", "2027-08-20")
        #expect(
            try cli.ok("pause", "remove", "uni1", "2027-06-14") == "uni1: pause from 2027-06-14 to 2027-08-20 removed\n"
        )
        try cli.ok("roster", "add", "uni1", "K1")
        let published = try cli.json("cycle", "publish", "uni1") as? [String: Any]
        #expect(published?["students"] as? Int == 1 && published?["account"] as? String == "uni1")
        let entries = try cli.json("audit") as? [[String: Any]] ?? []
        #expect(
            entries.map { "\($0["actor"] as? String ?? "") \($0["event"] as? String ?? "")" } == [
                "cli institution.add", "cli holiday.add", "cli pause.add", "cli pause.remove", "cli roster.add",
                "cli roster.publish",
            ])
    }

    @Test func liftingABanThatDoesNotExistSaysSo() throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        #expect((try cli.json("ban", "list") as? [Any])?.isEmpty == true)
        let result = try cli.run("ban", "remove", "192.0.2.7")
        #expect(result.status == 1)
        #expect(result.stderr.contains("192.0.2.7 is not banned; see `panda ban list`"))
    }
}
