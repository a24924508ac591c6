import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

/// Banned addresses over the API, as `panda ban list|remove` shows and lifts them.
@Suite struct BanAPITests {
    /// Bans `addresses` as the SSH server would after a failed login (one failure is enough here).
    static func ban(_ addresses: [String], in store: Store) throws {
        let rule = BanRule(threshold: 1, window: 60, forgetAfter: 3600, duration: { _ in 900 })
        for address in addresses {
            _ = try store.bans.recordFailure(address: address, at: store.clock.now(), rule: rule)
        }
    }

    @Test func bansAreListedAndLifted() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try Self.ban(["198.51.100.4", "2001:db8::7"], in: fixture.store)
        let listed = try fixture.api("GET", "/api/v1/bans")
        #expect(listed.status == 200)
        #expect(listed.array.map { $0["address"] as? String } == ["198.51.100.4", "2001:db8::7"])
        #expect(listed.array.first?["seconds"] as? Int == 900 && listed.array.first?["count"] as? Int == 1)
        #expect(listed.array.first?["until"] as? String != nil)

        let lifted = try fixture.api("DELETE", "/api/v1/bans/2001:db8::7")
        #expect(lifted.status == 200, "\(lifted.text)")
        #expect(lifted.object["address"] as? String == "2001:db8::7")
        #expect(try fixture.store.bans.list(at: fixture.store.clock.now()).map(\.address) == ["198.51.100.4"])
        #expect(try fixture.store.bans.active(address: "2001:db8::7", at: fixture.store.clock.now()) == nil)
        let entry = try #require(try fixture.store.audit.list(limit: 1).last)
        #expect(entry.actor == "api:tester" && entry.event == "ban.remove" && entry.address == "2001:db8::7")
        #expect(try fixture.api("GET", "/api/v1/bans").array.count == 1)
    }

    @Test func anAddressNotBannedIsNotFoundAndNothingChanges() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try Self.ban(["198.51.100.4"], in: fixture.store)
        let before = try fixture.operatorState()
        try fixture.api("DELETE", "/api/v1/bans/192.0.2.99").expectError(
            404, "not_found", "192.0.2.99 is not banned")
        try fixture.expectTokenRequired("GET", "/api/v1/bans")
        try fixture.expectTokenRequired("DELETE", "/api/v1/bans/198.51.100.4")
        #expect(try fixture.operatorState() == before)
        #expect(try fixture.store.bans.active(address: "198.51.100.4", at: fixture.store.clock.now()) != nil)
    }
}
