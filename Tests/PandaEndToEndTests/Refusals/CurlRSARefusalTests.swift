import Foundation
import PandaTesting
import Testing

/// curl's libssh2 1.10 signs RSA keys with SHA-1 (`ssh-rsa`), which Panda refuses: curl users need an
/// ED25519 or ECDSA key (README, "Known limit for institutions").
@Suite("curl with an RSA key")
struct CurlRSARefusalTests {
    @Test("curl with a registered RSA key is refused at once, audited, and changes nothing")
    func curlRSAIsRefused() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        try exchange.publishRoster("uni1")
        let key = try exchange.registeredKey(.rsa, for: "uni1")
        let curl = CurlClient(login: exchange.login("uni1", key))
        let downloaded = exchange.clientDirectory + "/curl-rsa.csv"

        // `--max-time` only bounds a regression: the server once let libssh2 wait for the 60 s login grace time.
        let outcome = try curl.curl(["--max-time", "20", "-o", downloaded, curl.url("/outbound/students.csv")])

        #expect(outcome.status == 67, "curl: (67) Authentication failure expected: \(outcome.stderr)")
        #expect(outcome.seconds < 10, "the refusal took \(outcome.seconds) s")
        #expect(!FileManager.default.fileExists(atPath: downloaded))
        let entries = try exchange.awaitAudit { ($0.field("reason") ?? "").contains("ssh-rsa") }
        #expect(
            entries.events("login.failed").contains { ($0.field("reason") ?? "").contains("ssh-rsa") },
            "\(entries.events("login.failed"))")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")
        refusal.expectNothingHappened(in: entries)
        #expect(try refusal.lastUsed(key) == nil)
    }

    @Test("the audit entry of a SHA-1 RSA refusal names the account and the key")
    func curlRSARefusalNamesTheAccount() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.rsa, for: "uni1")
        let curl = CurlClient(login: exchange.login("uni1", key))

        _ = try curl.curl(["--max-time", "20", curl.url("/outbound/students.csv")])

        let fingerprint = try key.fingerprint()
        let entries = try exchange.awaitAudit { $0.event == "login.failed" }
        #expect(
            entries.events("login.failed").contains { $0.field("user") == "uni1" && $0.field("key") == fingerprint },
            "\(entries.events("login.failed"))")
    }
}
