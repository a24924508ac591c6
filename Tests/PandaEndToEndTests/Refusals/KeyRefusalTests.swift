import Foundation
import PandaTesting
import Testing

/// Keys that must not open a session: each refusal is checked at the client, on disk and in the audit log.
@Suite("Key refusals")
struct KeyRefusalTests {
    @Test("a key registered nowhere is refused")
    func unknownKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        _ = try exchange.registeredKey(.ed25519, for: "uni1")
        let stranger = try exchange.newKey(.ed25519, name: "stranger")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")

        try refusal.attempt(with: stranger)

        try refusal.expectAudited(stranger, reasonContaining: "not registered for uni1")
    }

    @Test("another institution's key is refused")
    func anotherInstitutionsKey() throws {
        let exchange = try LiveExchange(institutions: ["uni1", "uni2"])
        defer { exchange.finish() }
        _ = try exchange.registeredKey(.ed25519, for: "uni1")
        let uni2Key = try exchange.registeredKey(.ed25519, for: "uni2")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")

        try refusal.attempt(with: uni2Key)

        try refusal.expectAudited(uni2Key, reasonContaining: "not registered for uni1")
        #expect(try RefusedLogin(exchange: exchange, account: "uni2").lastUsed(uni2Key) == nil)
    }

    @Test("the production account's key does not open the same institution's test account")
    func otherEnvironmentsKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let productionKey = try exchange.registeredKey(.ed25519, for: "uni1")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1-test")

        try refusal.attempt(with: productionKey)

        try refusal.expectAudited(productionKey, reasonContaining: "not registered for uni1-test")
    }

    @Test("a revoked key stops working at once")
    func revokedKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.rsa, for: "uni1")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")
        let before = try refusal.successfulControlLogin(with: key)

        try exchange.panda("key", "revoke", "uni1", try key.fingerprint())
        try refusal.attempt(with: key)

        // The reason may say "revoked" or, as a revoked key is no longer registered, "not registered".
        try refusal.expectAudited(key, reasonContaining: "revoked", "not registered", since: before)
        #expect(try refusal.state(key) == "revoked")
    }

    @Test("the audit entry of a revoked key's refusal says it was revoked")
    func revokedKeyReason() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let key = try exchange.registeredKey(.ed25519, for: "uni1")
        try exchange.panda("key", "revoke", "uni1", try key.fingerprint())
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")

        try refusal.attempt(with: key)

        try refusal.expectAudited(key, reasonContaining: "revoked")
    }

    @Test("an expired key is refused (the CLI refuses past dates, so the test ages the key in the store)")
    func expiredKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let tomorrow = Date().addingTimeInterval(2 * 86_400).formatted(.iso8601.year().month().day())
        let key = try exchange.registeredKey(.ecdsa, for: "uni1", options: ["--expires", tomorrow])
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")
        let before = try refusal.successfulControlLogin(with: key)
        let pastDate = try exchange.pandaResult("key", "add", "uni1", key.publicKeyPath, "--expires", "2020-01-01")
        #expect(pastDate.status == 1, "a past expiry date was accepted: \(pastDate.stdout)")

        try StoreInspector(dataDirectory: exchange.dataDirectory).ageKey(
            fingerprint: try key.fingerprint(), account: "uni1")
        #expect(try refusal.state(key) == "expired")
        try refusal.attempt(with: key)

        try refusal.expectAudited(key, reasonContaining: "expired", since: before)
    }

    @Test("a key limited to other source addresses is refused from 127.0.0.1")
    func wrongSourceAddress() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        let elsewhere = try exchange.registeredKey(
            .ed25519, for: "uni1", name: "elsewhere", options: ["--from", "192.0.2.0/24"])
        let loopback = try exchange.registeredKey(
            .ed25519, for: "uni1", name: "loopback", options: ["--from", "127.0.0.0/8"])
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")

        try refusal.attempt(with: elsewhere)
        try refusal.expectAudited(elsewhere, reasonContaining: "may not be used from 127.0.0.1")
        #expect(try refusal.lastUsed(elsewhere) == nil)

        _ = try refusal.successfulControlLogin(with: loopback)
    }

    @Test("DSA keys are refused by the CLI and at login", .enabled(if: KeyKindSupport.canGenerateDSA))
    func dsaKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        _ = try exchange.registeredKey(.ed25519, for: "uni1")
        let dsa = try KeyGenerator.generate("dsa", name: "dsa", in: exchange.clientDirectory)
        let registration = try exchange.pandaResult("key", "add", "uni1", dsa.publicKeyPath)
        #expect(registration.status == 1)
        #expect(registration.stderr.contains("DSA"), "\(registration.stderr)")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")

        // OpenSSH 9 no longer offers DSA keys unless told to; then the server must refuse it itself.
        try refusal.attempt(with: dsa, sshOptions: ["-o", "PubkeyAcceptedAlgorithms=+ssh-dss"])

        try refusal.expectAudited(dsa, reasonContaining: "DSA", "ssh-dss")
    }

    @Test("RSA keys shorter than 2048 bits are refused by the CLI and at login")
    func shortRSAKey() throws {
        let exchange = try LiveExchange()
        defer { exchange.finish() }
        _ = try exchange.registeredKey(.ed25519, for: "uni1")
        let short = try KeyGenerator.generate("rsa", bits: 1024, name: "rsa1024", in: exchange.clientDirectory)
        let registration = try exchange.pandaResult("key", "add", "uni1", short.publicKeyPath)
        #expect(registration.status == 1, "\(registration.stdout)")
        let refusal = RefusedLogin(exchange: exchange, account: "uni1")

        try refusal.attempt(with: short)

        try refusal.expectAudited(short, reasonContaining: "1024", "2048")
    }
}

/// What this machine's `ssh-keygen` can make.
enum KeyKindSupport {
    /// OpenSSH may be built without DSA; then the DSA test has nothing to offer.
    static var canGenerateDSA: Bool {
        guard let directory = try? TemporaryDirectory(prefix: "panda-dsa-probe") else { return false }
        defer { directory.remove() }
        return (try? KeyGenerator.generate("dsa", name: "probe", in: directory.path)) != nil
    }
}
