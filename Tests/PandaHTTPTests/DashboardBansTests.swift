import Foundation
import PandaHTTP
import PandaStore
import PandaTesting
import Testing

/// The dashboard's Bans page: banned addresses and the CSRF-protected button that lifts a ban.
@Suite struct DashboardBansTests {
    let pages = DashboardTests()

    func csrf(of page: HTTPResponse) throws -> String {
        String(try #require(page.bodyText.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1))
    }

    func lift(_ fixture: HTTPFixture, _ address: String, session: String, csrf: String?) -> HTTPResponse {
        var form = "address=" + (address.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        if let csrf { form += "&csrf=\(csrf)" }
        return fixture.application.respond(
            to: HTTPRequest(
                method: "POST", path: "/bans/lift", cookies: ["panda_session": session], body: Array(form.utf8)))
    }

    @Test func bansAreListedAndLiftedWithTheButton() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let session = try pages.signIn(fixture)
        #expect(pages.get(fixture, "/bans", session: session).bodyText.contains("No address is banned."))
        try BanAPITests.ban(["198.51.100.4", "2001:db8::7"], in: fixture.store)

        let page = pages.get(fixture, "/bans", session: session)
        #expect(page.status == 200)
        #expect(page.bodyText.contains("<code>198.51.100.4</code>"))
        #expect(page.bodyText.contains("<code>2001:db8::7</code>"))
        #expect(page.bodyText.contains("1st, 15 min"))
        #expect(page.bodyText.contains("name=\"address\" value=\"2001:db8::7\""))

        let lifted = lift(fixture, "2001:db8::7", session: session, csrf: try csrf(of: page))
        #expect(lifted.status == 303 && lifted.header("Location") == "/bans")
        #expect(try fixture.store.bans.list(at: fixture.store.clock.now()).map(\.address) == ["198.51.100.4"])
        let entry = try #require(try fixture.store.audit.list(limit: 1).last)
        #expect(entry.actor == "dashboard:tester" && entry.event == "ban.remove" && entry.address == "2001:db8::7")
    }

    @Test func aLiftWithoutTheFormTokenOrForAnAddressNotBannedChangesNothing() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try BanAPITests.ban(["198.51.100.4"], in: fixture.store)
        let session = try pages.signIn(fixture)
        let page = pages.get(fixture, "/bans", session: session)

        let forged = lift(fixture, "198.51.100.4", session: session, csrf: nil)
        #expect(forged.status == 403)
        let unknown = lift(fixture, "192.0.2.99", session: session, csrf: try csrf(of: page))
        #expect(unknown.status == 404 && unknown.bodyText.contains("192.0.2.99 is not banned"))
        #expect(try fixture.store.bans.active(address: "198.51.100.4", at: fixture.store.clock.now()) != nil)
        #expect(!(try fixture.store.audit.list(limit: 50)).contains { $0.event == "ban.remove" })
    }
}
