import Foundation
import PandaHTTP
import PandaStore
import PandaTesting
import Testing

/// The dashboard's sign-in, session cookie, CSRF check and pages, through the handler (no socket).
@Suite struct DashboardTests {
    /// Signs in with `?token=` and returns the session cookie's value.
    func signIn(_ fixture: HTTPFixture) throws -> String {
        let response = fixture.application.respond(
            to: HTTPRequest(method: "GET", path: "/", query: ["token": fixture.token]))
        #expect(response.status == 303 && response.header("Location") == "/")
        let cookie = try #require(response.header("Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        return String(cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
    }

    func get(_ fixture: HTTPFixture, _ path: String, session: String?, query: [String: String] = [:]) -> HTTPResponse {
        fixture.application.respond(
            to: HTTPRequest(
                method: "GET", path: path, query: query, cookies: session.map { ["panda_session": $0] } ?? [:]))
    }

    @Test func signingInOpensASessionAndSignOutEndsIt() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        #expect(get(fixture, "/", session: nil).header("Location") == "/signin")
        #expect(get(fixture, "/signin", session: nil).bodyText.contains("name=\"token\""))
        let bad = fixture.application.respond(to: HTTPRequest(method: "GET", path: "/", query: ["token": "nope"]))
        #expect(bad.status == 401 && bad.header("Set-Cookie") == nil)

        let session = try signIn(fixture)
        let overview = get(fixture, "/", session: session)
        #expect(overview.status == 200)
        #expect(overview.bodyText.contains("uni1-test") && overview.bodyText.contains("Overview"))
        #expect(overview.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(try fixture.store.dashboardSessions.find(secret: session) != nil)

        let csrf = try #require(overview.bodyText.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1)
        let out = fixture.application.respond(
            to: HTTPRequest(
                method: "POST", path: "/signout", cookies: ["panda_session": session], body: Array("csrf=\(csrf)".utf8))
        )
        #expect(out.status == 303)
        #expect(try fixture.store.dashboardSessions.find(secret: session) == nil)
        #expect(get(fixture, "/", session: session).status == 303)
    }

    @Test func revokingTheTokenEndsItsSessions() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let session = try signIn(fixture)
        try fixture.store.apiTokens.revoke(name: "tester")
        #expect(get(fixture, "/", session: session).header("Location") == "/signin")
    }

    @Test func heldFileIsApprovedOnlyWithTheSessionsCSRFToken() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let (_, held) = try fixture.importWithHeldFile()
        let session = try signIn(fixture)
        let queue = get(fixture, "/held", session: session)
        #expect(queue.bodyText.contains("leavers.csv") && queue.bodyText.contains("Approve"))
        let csrf = try #require(queue.bodyText.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1)
        let path = "/accounts/uni1/files/\(held)/approve"

        for body in ["", "csrf=0000", "csrf=\(String(csrf.reversed()))"] {
            let refused = fixture.application.respond(
                to: HTTPRequest(method: "POST", path: path, cookies: ["panda_session": session], body: Array(body.utf8))
            )
            #expect(refused.status == 403)
        }
        let noSession = fixture.application.respond(
            to: HTTPRequest(method: "POST", path: path, body: Array("csrf=\(csrf)".utf8)))
        #expect(noSession.status == 403)
        #expect(try fixture.store.files.get(account: "uni1", id: held).status == .held)

        let approved = fixture.application.respond(
            to: HTTPRequest(
                method: "POST", path: path, cookies: ["panda_session": session], body: Array("csrf=\(csrf)".utf8)))
        #expect(approved.status == 303)
        let entry = try fixture.store.files.get(account: "uni1", id: held)
        #expect(entry.status == .processed && entry.decidedBy == "dashboard:tester")
        #expect(get(fixture, "/held", session: session).bodyText.contains("No file is waiting"))
    }

    @Test func pagesShowTheReportAccountAndAuditEscaped() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let (processed, _) = try fixture.importWithHeldFile()
        try fixture.store.audit.record(
            account: "uni1", actor: "ssh", event: "login.failed", detail: "user=\"<script>alert(1)</script>\"")
        let session = try signIn(fixture)
        let report = get(fixture, "/accounts/uni1/files/\(processed)", session: session).bodyText
        #expect(report.contains("not-an-email") && report.contains("processed with errors"))
        let account = get(fixture, "/accounts/uni1", session: session).bodyText
        #expect(account.contains("leavers.csv") && account.contains("Keys") && account.contains("Coverage"))
        let audit = get(fixture, "/audit", session: session, query: ["q": "script"]).bodyText
        #expect(audit.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !audit.contains("<script>"))
        #expect(get(fixture, "/accounts/nope", session: session).status == 404)
    }
}
