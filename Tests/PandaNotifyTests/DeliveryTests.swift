import Foundation
import PandaCore
import PandaNotify
import PandaStore
import Testing

/// The service's bookkeeping with scripted receivers and a hand-set clock: what is delivered, retried,
/// given up or skipped, and what the store and the audit log say about it.
@Suite("Deliveries")
struct DeliveryTests {
    @Test("a webhook POST carries the stored body, its signature, JSON content type and a user agent")
    func webhookRequest() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(webhook: "https://hooks.uni1.example/panda?token=abc", secret: "s3cret")
        let poster = ScriptedPoster()
        let service = fixture.service(poster: poster)

        service.notify(fixture.missed())
        service.recordQueued()
        service.deliverDue()

        let request = try #require(poster.requests.first)
        #expect(request.url == "https://hooks.uni1.example/panda?token=abc")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("User-Agent") == "Panda-Webhook/1")
        #expect(request.header("X-Panda-Event") == "cycle.missed")
        #expect(request.header("X-Panda-Signature") == WebhookSignature.value(body: request.body, secret: "s3cret"))
        let delivery = try #require(try fixture.deliveries().first)
        #expect(String(decoding: request.body, as: UTF8.self) == delivery.event.body)
        #expect(request.header("X-Panda-Event-Id") == delivery.event.uid)
        #expect(delivery.status == .delivered)
        #expect(delivery.attempts == 1)
        // The origin only: a webhook path or query often holds a token.
        #expect(delivery.target == "https://hooks.uni1.example")
        let audit = try fixture.store.audit.list(account: "uni1")
        #expect(audit.contains { $0.event == "notify.delivered" && $0.detail.contains("channel=webhook") })
        #expect(!audit.contains { $0.detail.contains("token=abc") })
    }

    @Test("without a webhook secret the POST is sent unsigned")
    func unsigned() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(webhook: "http://127.0.0.1:9/panda")
        let poster = ScriptedPoster()
        let service = fixture.service(poster: poster)
        service.notify(fixture.missed())
        service.recordQueued()
        service.deliverDue()
        let request = try #require(poster.requests.first)
        #expect(request.header("X-Panda-Signature") == nil)
    }

    @Test("failed attempts are retried on the schedule, each recorded, until the last gives up")
    func retriesThenGivesUp() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(webhook: "http://127.0.0.1:9/panda")
        let poster = ScriptedPoster([.failure(.connectionRefused)])
        let service = fixture.service(
            retry: RetrySchedule(delays: [.seconds(10), .seconds(30)]), poster: poster)
        service.notify(fixture.missed())
        service.recordQueued()

        service.deliverDue()
        var delivery = try #require(try fixture.deliveries().first)
        #expect(delivery.status == .pending)
        #expect(delivery.attempts == 1)
        #expect(delivery.lastError == "connection refused")
        #expect(delivery.nextAttemptAt == fixture.clock.now().addingTimeInterval(10))

        fixture.clock.advance(9)
        service.deliverDue()
        #expect(poster.requests.count == 1, "retried before its time")
        fixture.clock.advance(1)
        service.deliverDue()
        #expect(poster.requests.count == 2)
        fixture.clock.advance(30)
        service.deliverDue()

        delivery = try #require(try fixture.deliveries().first)
        #expect(delivery.status == .failed)
        #expect(delivery.attempts == 3)
        #expect(delivery.nextAttemptAt == nil)
        let attempts = try fixture.attempts()
        #expect(attempts.map(\.attempt) == [1, 2, 3])
        #expect(attempts.allSatisfy { !$0.succeeded && $0.error == "connection refused" })
        #expect(try fixture.store.audit.list(account: "uni1").contains { $0.event == "notify.failed" })
        fixture.clock.advance(3600)
        service.deliverDue()
        #expect(poster.requests.count == 3, "attempted after giving up")
    }

    @Test("pending retries live in the store: a new service after a restart delivers them")
    func retriesSurviveRestart() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(webhook: "http://127.0.0.1:9/panda")
        let before = fixture.service(poster: ScriptedPoster([.failure(.httpStatus(503))]))
        before.notify(fixture.missed())
        before.recordQueued()
        before.deliverDue()
        #expect(try fixture.deliveries().first?.lastError == "HTTP status 503")

        let poster = ScriptedPoster()
        let after = fixture.service(poster: poster)
        fixture.clock.advance(10)
        after.deliverDue()

        #expect(poster.requests.count == 1)
        let delivery = try #require(try fixture.deliveries().first)
        #expect(delivery.status == .delivered)
        #expect(delivery.attempts == 2)
        #expect(try fixture.attempts().map(\.statusCode) == [503, 200])
    }

    @Test("without an SMTP server, e-mail deliveries are skipped with the reason and the webhook still goes")
    func noSMTP() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(webhook: "http://127.0.0.1:9/panda", emails: ["it@uni1.example"])
        let poster = ScriptedPoster()
        let mailer = ScriptedMailer()
        let service = fixture.service(smtp: nil, poster: poster, mailer: mailer)
        service.notify(fixture.missed())
        service.recordQueued()
        service.deliverDue()
        fixture.clock.advance(86_400)
        service.deliverDue()

        let deliveries = try fixture.deliveries()
        let email = try #require(deliveries.first { $0.channel == .email })
        #expect(email.status == .skipped)
        #expect(email.attempts == 0)
        #expect(email.lastError?.contains("--smtp-url") == true)
        #expect(deliveries.first { $0.channel == .webhook }?.status == .delivered)
        #expect(mailer.sent.isEmpty)
        #expect(try fixture.store.audit.list(account: "uni1").contains { $0.event == "notify.skipped" })
    }

    @Test("a mail server's permanent refusal (5xx) fails the delivery at once; a 4xx is retried")
    func permanentRefusal() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure("uni1", emails: ["nobody@uni1.example"])
        try fixture.configure("uni1-test", emails: ["busy@uni1.example"])
        let mailer = ScriptedMailer([
            .rejected(code: 550, message: "no such user"), .rejected(code: 451, message: "try later"),
        ])
        let service = fixture.service(smtp: localSMTP(25), mailer: mailer)
        service.notify(fixture.missed("uni1"))
        service.recordQueued()
        service.deliverDue()
        service.notify(fixture.missed("uni1-test"))
        service.recordQueued()
        service.deliverDue()

        #expect(try fixture.deliveries("uni1").first?.status == .failed)
        #expect(try fixture.deliveries("uni1-test").first?.status == .pending)
        #expect(try fixture.attempts("uni1").first?.statusCode == 550)
    }

    @Test("one e-mail per event goes to every notification address of the account")
    func emailPerEvent() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure(emails: ["a@uni1.example", "b@uni1.example"])
        let mailer = ScriptedMailer()
        let service = fixture.service(smtp: localSMTP(25), mailer: mailer)
        service.notify(fixture.missed())
        service.notify(fixture.missed())
        service.recordQueued()
        service.deliverDue()

        #expect(mailer.sent.count == 2)
        #expect(mailer.sent.allSatisfy { $0.recipients == ["a@uni1.example", "b@uni1.example"] })
        #expect(mailer.sent.allSatisfy { $0.from == "panda@operator.example" })
        #expect(try fixture.deliveries().allSatisfy { $0.status == .delivered })
    }

    @Test("an event for an unknown account is dropped; one for an account without channels is kept")
    func accountsWithoutChannels() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        let service = fixture.service(poster: ScriptedPoster())
        service.notify(fixture.missed("nobody"))
        service.notify(fixture.missed("uni1"))
        #expect(service.recordQueued() == 1)
        let history = try fixture.store.notifications.history()
        #expect(history.map(\.event.account) == ["uni1"])
        #expect(history.first?.deliveries.isEmpty == true)
        #expect(fixture.logs.lines.contains { $0.contains("event=unknown_account") && $0.contains("account=nobody") })
    }
}
