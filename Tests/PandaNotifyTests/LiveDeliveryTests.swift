import Foundation
import PandaCore
import PandaNotify
import PandaStore
import PandaTesting
import Testing

/// The service with libcurl against real receivers on 127.0.0.1: a Python webhook endpoint that checks the
/// signature, and a Python SMTP server.
@Suite("Live delivery")
struct LiveDeliveryTests {
    /// Retries every 200 ms, so a receiver that comes up later is reached within the test.
    let quickRetries = RetrySchedule(delays: Array(repeating: .milliseconds(200), count: 100))

    @Test("a local webhook receiver and a local SMTP sink each receive a missed notification")
    func webhookAndMail() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        let receiver = try WebhookReceiver(secret: "s3cret")
        let sink = try SMTPSink()
        try fixture.configure(webhook: receiver.url, secret: "s3cret", emails: ["it@uni1.example"])
        let service = fixture.service(smtp: localSMTP(sink.port), retry: quickRetries, clock: SystemClock())
        try service.start()
        defer { service.stop(deadline: .seconds(5)) }

        service.notify(fixture.missed())

        let requests = receiver.awaitRequests()
        let request = try #require(requests.first, "no webhook arrived")
        #expect(request.signatureValid == true)
        #expect(request.path == "/panda")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["user-agent"] == "Panda-Webhook/1")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(body["event"] as? String == "cycle.missed")
        #expect(body["account"] as? String == "uni1")

        let mail = try #require(sink.awaitMessages().first, "no mail arrived")
        #expect(mail.from == "<panda@operator.example>")
        #expect(mail.to == ["<it@uni1.example>"])
        #expect(mail.header("Subject") == "[Panda] uni1: Cycle of 2026-12-04 missed: nothing uploaded by 12:00")
        #expect(mail.body.contains("cycle.missed"))
        #expect(mail.body.contains("What to do:"))

        #expect(
            eventually {
                (try? fixture.deliveries())?.map(\.status) == [.delivered, .delivered]
            })
        #expect(try fixture.attempts().map(\.statusCode).first == 200)
        #expect(requests.count == 1)
    }

    @Test("a receiver that is down (connection refused) gets retries and the event once it comes up")
    func receiverDownThenUp() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        let port = try LoopbackPort.free()
        try fixture.configure(webhook: "http://127.0.0.1:\(port)/panda", secret: "s3cret")
        let service = fixture.service(retry: quickRetries, clock: SystemClock())
        try service.start()
        defer { service.stop(deadline: .seconds(5)) }

        service.notify(fixture.missed())
        #expect(eventually { ((try? fixture.attempts()) ?? []).count >= 2 }, "no retries while the receiver was down")
        let receiver = try WebhookReceiver(port: port, secret: "s3cret")

        let request = try #require(receiver.awaitRequests().first, "the receiver never got the event")
        #expect(request.signatureValid == true)
        #expect(eventually { (try? fixture.deliveries())?.first?.status == .delivered })
        let attempts = try fixture.attempts()
        #expect(attempts.count >= 3)
        #expect(attempts.dropLast().allSatisfy { !$0.succeeded && $0.error == "connection refused" })
        #expect(attempts.last?.succeeded == true)
    }

    @Test("a receiver that hangs never blocks notify; its attempts time out and are retried")
    func hangingReceiverDoesNotBlock() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        let silent = try SilentListener()
        try fixture.configure(webhook: "http://127.0.0.1:\(silent.port)/panda")
        let service = fixture.service(retry: quickRetries, clock: SystemClock()) {
            $0.webhookTimeout = .seconds(1)
        }
        try service.start()
        defer { service.stop(deadline: .seconds(5)) }

        service.notify(fixture.missed())
        usleep(200_000)  // the delivery thread is now waiting on the silent receiver
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<200 { service.notify(fixture.missed()) }
        }
        #expect(elapsed < .milliseconds(200), "notify took \(elapsed) for 200 events")
        #expect(
            eventually { ((try? fixture.attempts()) ?? []).contains { $0.error == "timed out" } },
            "no timed-out attempt recorded")
        #expect(eventually { ((try? fixture.store.notifications.history(limit: 1000)) ?? []).count == 201 })
    }

    @Test("libcurl's failures are told apart: refused, HTTP status, time-out")
    func transferErrors() throws {
        let poster = CurlHTTPPoster()
        let closedPort = try LoopbackPort.free()
        func post(_ url: String, timeout: Duration = .seconds(5)) -> Result<Int, TransferError> {
            Result { () throws(TransferError) -> Int in
                try poster.post(HTTPRequest(url: url, headers: [], body: Array("{}".utf8), timeout: timeout))
            }
        }
        #expect(post("http://127.0.0.1:\(closedPort)/x") == .failure(.connectionRefused))
        let failing = try WebhookReceiver(status: 500)
        #expect(post(failing.url) == .failure(.httpStatus(500)))
        let accepting = try WebhookReceiver(status: 204)
        #expect(post(accepting.url) == .success(204))
        let silent = try SilentListener()
        #expect(post("http://127.0.0.1:\(silent.port)/x", timeout: .milliseconds(500)) == .failure(.timedOut))
        guard case .failure(let refused) = post("ftp://127.0.0.1:\(closedPort)/x") else {
            Issue.record("an ftp:// webhook was accepted")
            return
        }
        #expect(refused.isPermanent)
    }

    @Test("e-mail through an SMTP server with credentials in the URL")
    func mailWithCredentials() throws {
        let sink = try SMTPSink()
        let server = try SMTPServer(parsing: "smtp://mailer:p%40ss@127.0.0.1:\(sink.port)")
        let message = Array("Subject: hello\r\n\r\n.leading dot\r\nbody\r\n".utf8)
        try CurlMailSender().send(
            MailEnvelope(
                from: "panda@operator.example", recipients: ["a@uni1.example", "b@uni1.example"], message: message),
            via: server, timeout: .seconds(10))
        let mail = try #require(sink.awaitMessages().first)
        #expect(mail.user == "mailer")
        #expect(mail.to == ["<a@uni1.example>", "<b@uni1.example>"])
        #expect(mail.body == ".leading dot\r\nbody\r\n")
        sink.stop()
        #expect(throws: TransferError.connectionRefused) {
            try CurlMailSender().send(
                MailEnvelope(from: "panda@operator.example", recipients: ["a@uni1.example"], message: message),
                via: server, timeout: .seconds(5))
        }
    }
}
