import Foundation
import PandaCore
import PandaNotify
import PandaStore
import Testing

@Suite("Key expiry notices")
struct KeyExpiryTests {
    func key(_ fingerprint: String, expiresIn days: Double?, from now: Date) -> NewPublicKey {
        NewPublicKey(
            algorithm: .ed25519, bits: 256, fingerprint: fingerprint, base64: "AAAA", comment: "laptop",
            expiresAt: days.map { now.addingTimeInterval($0 * 86_400) }, allowedSources: [])
    }

    @Test("a key is announced once when it comes within 14 days of expiry, not before, not if revoked")
    func announcedOnce() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(webhook: "http://127.0.0.1:9/panda")
        let now = fixture.clock.now()
        try fixture.store.keys.add(key("SHA256:soon", expiresIn: 5, from: now), to: "uni1")
        try fixture.store.keys.add(key("SHA256:later", expiresIn: 20, from: now), to: "uni1")
        try fixture.store.keys.add(key("SHA256:never", expiresIn: nil, from: now), to: "uni1")
        try fixture.store.keys.add(key("SHA256:revoked", expiresIn: 3, from: now), to: "uni1")
        try fixture.store.keys.revoke(account: "uni1", fingerprint: "SHA256:revoked")
        let service = fixture.service(poster: ScriptedPoster())

        #expect(service.checkExpiringKeys() == 1)
        #expect(service.checkExpiringKeys() == 0, "announced twice")

        var events = try fixture.store.notifications.history(account: "uni1").map(\.event)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.kind == "key.expiring")
        #expect(event.summary.contains("SHA256:soon (laptop) of uni1 expires in 5 days"))
        #expect(event.body.contains(#""fingerprint":"SHA256:soon""#))
        #expect(event.body.contains(#""daysLeft":5"#))

        fixture.clock.advance(7 * 86_400)
        #expect(service.checkExpiringKeys() == 1)
        events = try fixture.store.notifications.history(account: "uni1").map(\.event)
        #expect(events.first?.summary.contains("SHA256:later") == true)
        #expect(try fixture.deliveries().count == 2)
    }

    @Test("the notice survives a restart: a new service does not announce the same key again")
    func onceAcrossRestarts() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.store.keys.add(key("SHA256:soon", expiresIn: 2, from: fixture.clock.now()), to: "uni1-test")
        #expect(fixture.service().checkExpiringKeys() == 1)
        #expect(fixture.service().checkExpiringKeys() == 0)
    }
}
