import Foundation
import PandaExchange
import PandaHTTP
import PandaTesting
import Testing

/// An account's connection details (host, port, folders, host keys, the sftp and agent commands) in the
/// admin API and on the dashboard's account page, as `panda account show` prints them.
@Suite struct ConnectionDetailsTests {
    struct StubHostKeys: HostKeyDirectory {
        func fingerprints() -> [HostKeyFingerprint] {
            [
                HostKeyFingerprint(type: "ED25519", fingerprint: "SHA256:ed25519ed25519ed25519ed25519ed25519ed2"),
                HostKeyFingerprint(type: "ECDSA", fingerprint: "SHA256:ecdsaecdsaecdsaecdsaecdsaecdsaecdsaecdsaecd"),
            ]
        }
    }

    @Test func theAPIGivesTheHostKeys() throws {
        let fixture = try HTTPFixture(hostKeys: StubHostKeys())
        defer { fixture.remove() }
        let answer = try Curl.request("GET", fixture.base + "/api/v1/accounts/uni1", token: fixture.token)
        let keys = answer.object["hostKeys"] as? [[String: Any]] ?? []
        #expect(keys.map { $0["type"] as? String } == ["ED25519", "ECDSA"])
        #expect(keys.first?["fingerprint"] as? String == "SHA256:ed25519ed25519ed25519ed25519ed25519ed2")
    }

    @Test func theAccountPageShowsHowToConnectWithMovedFoldersAndEscapedValues() throws {
        let fixture = try HTTPFixture(hostKeys: StubHostKeys())
        defer { fixture.remove() }
        try fixture.store.serverSettings.set("public_host", "sftp.example.org")
        try fixture.store.serverSettings.set("sftp_port", "2022")
        _ = try fixture.store.accounts.update("uni1") { $0.folders.inbound = "/up<load>" }
        let session = try DashboardTests().signIn(fixture)
        let page = DashboardTests().get(fixture, "/accounts/uni1", session: session)
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("<h2>Connection</h2>"))
        #expect(html.contains("<code>sftp.example.org</code>") && html.contains("<dd>2022</dd>"))
        #expect(html.contains("SHA256:ed25519ed25519ed25519ed25519ed25519ed2</code> ED25519"))
        #expect(html.contains("sftp -P 2022 -i ~/.ssh/id_ed25519 uni1@sftp.example.org"))
        #expect(
            html.contains(
                "panda agent sftp.example.org --port 2022 --user uni1 --key ~/.ssh/id_ed25519 --host-key"
                    + " SHA256:ed25519ed25519ed25519ed25519ed25519ed2 --inbound /up&lt;load&gt; EXPORT.csv…"),
            "\(html)")
        #expect(!html.contains("/up<load>"))
    }

    @Test func beforeTheFirstStartThePageSaysTheHostKeysDoNotExistYet() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let session = try DashboardTests().signIn(fixture)
        let html = DashboardTests().get(fixture, "/accounts/uni1", session: session).bodyText
        #expect(html.contains("not generated yet"))
        #expect(html.contains("--host-key SHA256:… EXPORT.csv…"))
    }
}
