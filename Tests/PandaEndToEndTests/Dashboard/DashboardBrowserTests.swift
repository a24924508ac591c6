import Foundation
import PandaTesting
import Testing

/// The dashboard in headless Chromium against the real server: sign in with a token, see the overview with a
/// held cycle, open the report, click Approve (the browser posts the form with its session cookie and the
/// page's CSRF token), and see the cycle's state change.
@Suite(.serialized) struct DashboardBrowserTests {
    @Test func signInOverviewReportApproveAndTheCycleStateChanges() throws {
        guard ChromiumDriver.chromium != nil else {
            Issue.record("chromium is not installed; run scripts/bootstrap test")
            return
        }
        let exchange = try ImportExchange(settle: 0)
        defer { exchange.finish() }
        let students = (1...10).map { String(format: "K%07d", $0) }
        try exchange.prepare(students: students)
        try exchange.clientFile("user.csv", Array(students.map { Self.user($0, status: "1") }.joined().utf8))
        try exchange.sftp(["put user.csv /inbound/user.csv"])
        #expect(try exchange.await { try exchange.count("SELECT COUNT(*) FROM files WHERE status = 'processed'") == 1 })
        try exchange.clientFile(
            "leavers.csv", Array(students.prefix(3).map { Self.user($0, status: "2") }.joined().utf8))
        try exchange.sftp(["put leavers.csv /inbound/leavers.csv"])
        #expect(try exchange.await { try exchange.count("SELECT COUNT(*) FROM files WHERE status = 'held'") == 1 })
        let held = try exchange.count("SELECT id FROM files WHERE status = 'held'")
        let token = try exchange.panda("token", "create", "--name", "browser").trimmingCharacters(
            in: .whitespacesAndNewlines)
        let base = "http://127.0.0.1:\(exchange.server.httpPort)"

        // Signed out: the sign-in form.
        #expect(try ChromiumDriver.dom(base + "/").contains("name=\"token\""))
        // Sign in with the token: the overview, uni1's cycle held.
        let overview = try ChromiumDriver.dom(base + "/?token=" + token)
        #expect(overview.contains("<h1>Overview</h1>"))
        #expect(Self.row("uni1", in: overview).contains("badge s-held"))
        // The report, with its approve form.
        let report = try ChromiumDriver.dom(base + "/accounts/uni1/files/\(held)?token=" + token)
        #expect(report.contains("leavers.csv") && report.contains("Held for approval") && report.contains("Approve"))

        // Click Approve in the browser: the page it lands on is the report, no longer held.
        let approved = try ChromiumDriver.click(
            "form[action$='/approve'] button", at: base + "/accounts/uni1/files/\(held)?token=" + token)
        #expect(approved.contains("leavers.csv") && !approved.contains("Held for approval"), "\(approved.prefix(2000))")
        #expect(try exchange.count("SELECT COUNT(*) FROM files WHERE status = 'held'") == 0)

        let after = try ChromiumDriver.dom(base + "/?token=" + token)
        let row = Self.row("uni1", in: after)
        #expect(row.contains("badge s-processed") && !row.contains("badge s-held"), "\(row)")
        #expect(try exchange.rows("SELECT decided_by FROM files WHERE id = \(held)") == ["dashboard:browser"])
    }

    @Test func aBanFromFailedLoginsIsLiftedWithTheBrowser() throws {
        guard ChromiumDriver.chromium != nil else {
            Issue.record("chromium is not installed; run scripts/bootstrap test")
            return
        }
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        let stranger = try exchange.newKey(.ed25519, name: "stranger")
        // The server bans an address after 10 failed logins within 10 minutes (docs/decisions.md).
        for _ in 0..<10 {
            #expect(!(try exchange.openSSH("uni1", stranger).sftp(["ls /"])).succeeded)
        }
        // The server records the tenth failure as it closes that connection, a moment after the client exits.
        #expect(try eventually { try exchange.panda("ban", "list").contains("127.0.0.1") })
        #expect(!(try exchange.openSSH("uni1", key).sftp(["ls /"])).succeeded)
        let token = try exchange.panda("token", "create", "--name", "browser").trimmingCharacters(
            in: .whitespacesAndNewlines)
        let base = "http://127.0.0.1:\(exchange.server.httpPort)"

        let bans = try ChromiumDriver.dom(base + "/bans?token=" + token)
        #expect(bans.contains("<code>127.0.0.1</code>") && bans.contains("Lift"), "\(bans.prefix(2000))")
        let lifted = try ChromiumDriver.click("form[action='/bans/lift'] button", at: base + "/bans?token=" + token)
        #expect(lifted.contains("No address is banned."), "\(lifted.prefix(2000))")
        #expect(!(try exchange.panda("ban", "list")).contains("127.0.0.1"))
        #expect(try exchange.openSSH("uni1", key).sftp(["ls /"]).succeeded)
    }

    /// The overview's table row of `account`.
    static func row(_ account: String, in dom: String) -> String {
        guard let start = dom.range(of: ">\(account)</a>"),
            let end = dom.range(of: "</tr>", range: start.upperBound..<dom.endIndex)
        else { return "" }
        return String(dom[start.lowerBound..<end.lowerBound])
    }

    static func user(_ id: String, status: String) -> String {
        "user,\"\(id)\",\"\(id.lowercased())\",\"\",\"Ada\",\"Lovelace\",\"\",\"2\",\"\(status)\"\n"
    }
}
