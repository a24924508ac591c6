import Foundation
import PandaCore
import PandaNotify
import Testing

@Suite("Webhook body and signature")
struct WebhookBodyTests {
    let event = NotificationEvent(
        kind: .fileHeld, account: "uni1-test", occurredAt: Date(timeIntervalSince1970: 1_796_396_400),
        summary: "user.csv held: it would deactivate 40% of active students",
        details: [("file", .string("user.csv")), ("fileId", .int(12)), ("percent", .int(40))])

    @Test("the body carries id, event, account, occurredAt in UTC, summary and details, in that order")
    func bodyShape() throws {
        let body = WebhookBody.render(id: "e-1", event: event, institution: "uni1", environment: "test")
        #expect(body.hasPrefix(#"{"id":"e-1","event":"file.held","account":"uni1-test","#))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["id"] as? String == "e-1")
        #expect(json["event"] as? String == "file.held")
        #expect(json["account"] as? String == "uni1-test")
        #expect(json["institution"] as? String == "uni1")
        #expect(json["environment"] as? String == "test")
        #expect(json["occurredAt"] as? String == "2026-12-04T15:00:00Z")
        #expect(json["summary"] as? String == event.summary)
        let details = try #require(json["details"] as? [String: Any])
        #expect(details["file"] as? String == "user.csv")
        #expect(details["fileId"] as? Int == 12)
    }

    /// The expected value was computed independently with Python's `hmac` module.
    @Test("the signature is sha256= and the hex HMAC-SHA256 of the body (known answer)")
    func signatureKnownAnswer() {
        let body = Array(#"{"id":"e1","event":"cycle.missed"}"#.utf8)
        let value = WebhookSignature.value(body: body, secret: "s3cret")
        #expect(value == "sha256=03c2ce9227e9071a02067a765de3e79c33afe6f378616fe5a2252621ac60a357")
        #expect(WebhookSignature.isValid(value, body: body, secret: "s3cret"))
        #expect(!WebhookSignature.isValid(value, body: body + [0x20], secret: "s3cret"))
        #expect(!WebhookSignature.isValid(value, body: body, secret: "other"))
    }
}
