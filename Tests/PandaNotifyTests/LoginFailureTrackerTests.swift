import Foundation
import PandaCore
import PandaNotify
import Testing

@Suite("Login failures")
struct LoginFailureTrackerTests {
    let start = Date(timeIntervalSince1970: 1_796_396_400)

    @Test("a ban names the usernames tried from the address within the window, once")
    func namesOnBan() {
        let tracker = LoginFailureTracker(window: .seconds(600), namesPerAddress: 3)
        tracker.failed(address: "203.0.113.9", username: "uni1", at: start)
        tracker.failed(address: "203.0.113.9", username: "uni1", at: start.addingTimeInterval(1))
        tracker.failed(address: "203.0.113.9", username: "old", at: start.addingTimeInterval(-700))
        tracker.failed(address: "198.51.100.1", username: "uni2", at: start)
        tracker.failed(address: "203.0.113.9", username: "uni1-test", at: start.addingTimeInterval(2))

        #expect(tracker.banned(address: "203.0.113.9", at: start.addingTimeInterval(3)) == ["uni1", "uni1-test"])
        #expect(tracker.banned(address: "203.0.113.9", at: start.addingTimeInterval(4)) == [])
        #expect(tracker.banned(address: "198.51.100.1", at: start.addingTimeInterval(601)) == [])
    }

    @Test("at most the newest names per address are kept")
    func bounded() {
        let tracker = LoginFailureTracker(namesPerAddress: 2)
        for name in ["a", "b", "c"] { tracker.failed(address: "192.0.2.1", username: name, at: start) }
        #expect(tracker.banned(address: "192.0.2.1", at: start) == ["b", "c"])
    }

    @Test("the event names the address and how long it is blocked")
    func event() {
        let event = LoginFailureTracker.event(
            account: "uni1", address: "203.0.113.9", until: start.addingTimeInterval(60), banNumber: 1, at: start)
        #expect(event.kind == .loginFailures)
        #expect(event.account == "uni1")
        #expect(event.summary.contains("203.0.113.9"))
        #expect(
            JSONValue.object(event.details).rendered(pretty: false).contains(#""blockedUntil":"2026-12-04T15:01:00Z""#))
    }
}
