import Foundation
import PandaTesting
import Testing

/// `panda serve --smtp-url … --mail-from …` notifying an account's webhook (a local receiver that checks
/// the signature) and e-mail addresses (a local SMTP server), end to end.
@Suite("Notifications end to end")
struct NotificationEndToEndTests {
    static let secret = "e2e-webhook-secret"

    @Test("repeated failed logins until a ban reach the account's webhook (signed) and its e-mail")
    func loginFailures() throws {
        let receiver = try WebhookReceiver(secret: Self.secret)
        let sink = try SMTPSink()
        let exchange = try LiveExchange(serverArguments: Self.mailArguments(sink))
        defer { exchange.finish() }
        try exchange.panda(
            "account", "set", "uni1", "--webhook", receiver.url, "--webhook-secret", Self.secret, "--notify-email",
            "it@uni1.example")
        _ = try exchange.registeredKey(.ed25519, for: "uni1")
        let stranger = try exchange.newKey(.ed25519, name: "stranger")

        // The server bans an address after 10 failed logins within 10 minutes (docs/decisions.md).
        for _ in 0..<10 {
            let outcome = try exchange.openSSH("uni1", stranger).sftp(["ls /"])
            #expect(!outcome.succeeded)
        }

        let request = try #require(receiver.awaitRequests().first, "no webhook; server log:\n\(exchange.server.log)")
        #expect(request.signatureValid == true)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(body["event"] as? String == "login.failures")
        #expect(body["account"] as? String == "uni1")
        #expect((body["details"] as? [String: Any])?["address"] as? String == "127.0.0.1")

        let mail = try #require(sink.awaitMessages().first, "no mail; server log:\n\(exchange.server.log)")
        #expect(mail.to == ["<it@uni1.example>"])
        #expect(mail.from == "<panda@operator.example>")
        #expect(
            mail.header("Subject")?.hasPrefix("[Panda] uni1: Repeated failed logins to uni1 from 127.0.0.1") == true)
        #expect(mail.body.contains("login.failures"))

        try expectDelivered(exchange, account: "uni1", event: "login.failures")
    }

    @Test("a key expiring within 14 days is announced at start-up by webhook and e-mail, once")
    func keyExpiring() throws {
        let receiver = try WebhookReceiver(secret: Self.secret)
        let sink = try SMTPSink()
        let root = try TemporaryDirectory(prefix: "panda-e2e-notify")
        defer { root.remove() }
        let data = root.file("data")
        func panda(_ arguments: String...) throws {
            let outcome = try PandaBinary.outcome(arguments, dataDirectory: data)
            #expect(outcome.succeeded, "panda \(arguments.joined(separator: " ")): \(outcome.stderr)")
        }
        // Set up before the server starts: the expiry check runs at start-up (then hourly).
        try panda("institution", "add", "uni1", "--name", "University One")
        try panda(
            "account", "set", "uni1-test", "--webhook", receiver.url, "--webhook-secret", Self.secret,
            "--notify-email", "it@uni1.example,ops@uni1.example")
        let key = try KeyGenerator.generate("ed25519", name: "expiring", in: root.path)
        let expires = Date().addingTimeInterval(5 * 86_400).formatted(
            Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
        try panda("key", "add", "uni1-test", key.publicKeyPath, "--expires", expires)
        let server = try ServerProcess(dataDirectory: data, extraArguments: Self.mailArguments(sink))
        defer { server.stop() }

        let request = try #require(receiver.awaitRequests().first, "no webhook; server log:\n\(server.log)")
        #expect(request.signatureValid == true)
        #expect(request.body.contains(#""event":"key.expiring""#))
        #expect(request.body.contains(try key.fingerprint()))
        let mail = try #require(sink.awaitMessages().first, "no mail; server log:\n\(server.log)")
        #expect(mail.to == ["<it@uni1.example>", "<ops@uni1.example>"])
        #expect(mail.body.contains("expires in"))

        // A restart does not announce the same key again.
        let outcome = server.stop()
        #expect(outcome.status == 0 && !outcome.killedBySignal, "\(outcome.stderr)")
        let again = try ServerProcess(dataDirectory: data, extraArguments: Self.mailArguments(sink))
        defer { again.stop() }
        usleep(1_000_000)
        #expect(receiver.requests.count == 1, "the key was announced more than once")
        #expect(sink.messages.count == 1)
        let history = try PandaBinary.outcome(["notifications", "uni1-test", "--json"], dataDirectory: data)
        let events = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.count == 1)
        let deliveries = events.first?["deliveries"] as? [[String: Any]] ?? []
        #expect(deliveries.map { $0["status"] as? String } == ["delivered", "delivered"])
    }

    static func mailArguments(_ sink: SMTPSink) -> [String] {
        ["--smtp-url", "smtp://127.0.0.1:\(sink.port)", "--mail-from", "panda@operator.example"]
    }

    /// `panda notifications ACCOUNT --json` shows the event delivered by webhook and e-mail, and the audit
    /// log has both deliveries.
    private func expectDelivered(
        _ exchange: LiveExchange, account: String, event: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var statuses: [String: String] = [:]
        let deadline = ContinuousClock.now + .seconds(10)
        repeat {
            let output = try exchange.panda("notifications", account, "--json")
            let events = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
            let deliveries = events.first { $0["event"] as? String == event }?["deliveries"] as? [[String: Any]] ?? []
            statuses = Dictionary(
                deliveries.map { ($0["channel"] as? String ?? "", $0["status"] as? String ?? "") },
                uniquingKeysWith: { a, _ in a })
            if statuses == ["webhook": "delivered", "email": "delivered"] { break }
            usleep(100_000)
        } while ContinuousClock.now < deadline
        #expect(statuses == ["webhook": "delivered", "email": "delivered"], sourceLocation: sourceLocation)
        let audit = try exchange.audit(account)
        #expect(
            audit.events("notify.delivered").count == 2, "\(audit.events("notify.delivered"))",
            sourceLocation: sourceLocation)
    }
}
