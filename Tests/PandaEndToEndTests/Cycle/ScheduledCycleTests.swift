import Foundation
import PandaTesting
import Testing

/// The daily cycle with the real server and the real clock: an account whose publish time is the next
/// minute gets students.csv and its archive copy then, a download marks the cycle `retrieved`, and the
/// deadline a minute later, with nothing uploaded, makes it `missed`, which a local webhook receiver
/// (checking the signature) and a local mail server are both told. About 1.5 minutes (the schedule has
/// minute granularity), most of it waiting: the waits are `Task.sleep`, so the test holds none of the few
/// threads the other suites run on meanwhile.
@Suite(.timeLimit(.minutes(4))) struct ScheduledCycleTests {
    @Test func publishedAtItsTimeRetrievedThenMissed() async throws {
        let root = try TemporaryDirectory(prefix: "panda-cycle-e2e")
        defer { root.remove() }
        let data = root.file("data")
        try FileManager.default.createDirectory(atPath: root.file("client"), withIntermediateDirectories: true)
        @discardableResult
        func panda(_ arguments: String...) throws -> String {
            let outcome = try PandaBinary.outcome(arguments, dataDirectory: data)
            guard outcome.succeeded else {
                throw Failed(what: arguments.joined(separator: " "), output: outcome.stderr)
            }
            return outcome.stdout
        }
        func status() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(try panda("status", "uni1", "--json").utf8)) as! [String: Any]
        }

        let secret = "cycle-e2e-secret"
        let receiver = try WebhookReceiver(secret: secret)
        defer { receiver.stop() }
        let mail = try SMTPSink()
        defer { mail.stop() }

        let plan = MinutePlan.next()
        try panda("institution", "add", "uni1", "--name", "U1", "--timezone", plan.zone, "--environments", "production")
        try panda(
            "account", "set", "uni1", "--publish-at", plan.publishAt, "--deadline", plan.deadline, "--days",
            "mon,tue,wed,thu,fri,sat,sun", "--webhook", receiver.url, "--webhook-secret", secret, "--notify-email",
            "it@uni1.example")
        try panda("roster", "add", "uni1", "K0000002", "K0000001")
        let key = try KeyGenerator.generate("ed25519", name: "uni1", in: root.file("client"))
        try panda("key", "add", "uni1", key.publicKeyPath)
        let server = try ServerProcess(
            dataDirectory: data,
            extraArguments: [
                "--settle", "0", "--smtp-url", "smtp://127.0.0.1:\(mail.port)", "--mail-from", "panda@operator.example",
            ])
        defer { server.stop() }
        #expect(try status()["state"] as? String == "scheduled")

        // Published at the publish time, not before.
        let outbound = data + "/accounts/uni1/outbound/students.csv"
        #expect(!FileManager.default.fileExists(atPath: outbound))
        #expect(
            await poll(for: .seconds(plan.secondsToPublish + 30)) { FileManager.default.fileExists(atPath: outbound) })
        #expect(Date() >= plan.publishInstant)
        let expected = "student,\"K0000001\"\nstudent,\"K0000002\"\n"
        #expect(try String(contentsOfFile: outbound, encoding: .utf8) == expected)
        let archive = data + "/accounts/uni1/archive/students-\(plan.localDay).csv"
        #expect(try String(contentsOfFile: archive, encoding: .utf8) == expected)
        #expect(try status()["state"] as? String == "published")

        // The institution downloads it over SFTP.
        let client = OpenSSHClient(
            login: SFTPLogin(port: server.port, username: "uni1", privateKey: key.privateKeyPath),
            workingDirectory: root.file("client"))
        let download = try client.sftp(["get /outbound/students.csv students.csv", "ls /outbound/archive"])
        #expect(download.succeeded, "\(download.stderr)")
        #expect(download.stdout.contains("students-\(plan.localDay).csv"))
        #expect(try String(contentsOfFile: root.file("client/students.csv"), encoding: .utf8) == expected)
        #expect(try await poll(for: .seconds(10)) { try status()["state"] as? String == "retrieved" })

        // Nothing is uploaded: at the deadline the cycle is missed, and the day's summary says so.
        #expect(try await poll(for: .seconds(90)) { try status()["state"] as? String == "missed" })
        #expect(Date() >= plan.deadlineInstant)
        let cycle = try #require(try status()["cycle"] as? [String: Any])
        #expect(cycle["deadlineMissed"] as? Bool == true && cycle["serverWasDown"] as? Bool == false)
        #expect(cycle["retrievedAt"] is String && cycle["publishedAt"] is String)
        let results = try client.sftp(["get /results/cycle-\(plan.localDay).summary.txt summary.txt"])
        #expect(results.succeeded, "\(results.stderr)")
        let summary = try String(contentsOfFile: root.file("client/summary.txt"), encoding: .utf8)
        #expect(summary.contains("state         missed") && summary.contains("2 students expected"))

        // Both channels are told, the webhook signed with the account's secret.
        let hooks = receiver.awaitRequests(count: 1, timeout: .seconds(30))
        let missedHook = try #require(hooks.first { $0.body.contains("\"cycle.missed\"") }, "webhooks: \(hooks)")
        #expect(missedHook.signatureValid == true)
        #expect(missedHook.body.contains("\"account\":\"uni1\""))
        let mails = mail.awaitMessages(count: 1, timeout: .seconds(30))
        let missedMail = try #require(
            mails.first { ($0.header("Subject") ?? "").contains("uni1") }, "mail: \(mails.count)")
        #expect(missedMail.to.contains { $0.contains("it@uni1.example") })
        #expect(missedMail.body.lowercased().contains("missed"))

        #expect(server.isRunning, "panda serve died:\n\(server.log)")
        let outcome = server.stop()
        #expect(outcome.status == 0 && !outcome.killedBySignal, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("event=cycle.published") && outcome.stderr.contains("event=cycle.missed"))
    }

    /// Checks `condition` every quarter second (each check may start a `panda` process) until it holds.
    func poll(for timeout: Duration, _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    struct Failed: Error, CustomStringConvertible {
        let what: String
        let output: String
        var description: String { "panda \(what) failed: \(output)" }
    }
}

/// A publish time at the next whole minute at least 10 s away (time to set up and start the server) and a
/// deadline one minute later, in the first zone where both fall on today's local date.
struct MinutePlan {
    let zone: String
    let publishAt: String
    let deadline: String
    let localDay: String
    let publishInstant: Date
    let deadlineInstant: Date

    var secondsToPublish: Int64 { Int64(max(0, publishInstant.timeIntervalSinceNow)) + 1 }

    static func next() -> MinutePlan {
        let now = Date()
        var minute = (now.timeIntervalSince1970 / 60).rounded(.up) * 60
        if minute - now.timeIntervalSince1970 < 10 { minute += 60 }
        let publish = Date(timeIntervalSince1970: minute)
        let deadline = publish.addingTimeInterval(60)
        for zone in ["America/Chicago", "Europe/London", "Asia/Tokyo", "Pacific/Auckland"] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: zone)!
            let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: publish)
            let d = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: deadline)
            guard p.day == d.day else { continue }
            return MinutePlan(
                zone: zone, publishAt: String(format: "%02d:%02d", p.hour!, p.minute!),
                deadline: String(format: "%02d:%02d", d.hour!, d.minute!),
                localDay: String(format: "%04d-%02d-%02d", p.year!, p.month!, p.day!), publishInstant: publish,
                deadlineInstant: deadline)
        }
        preconditionFailure("every zone crosses midnight at once")
    }
}
