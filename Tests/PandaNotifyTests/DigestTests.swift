import Foundation
import PandaCore
import PandaStore
import Testing

@testable import PandaNotify

@Suite("Daily digest")
struct DigestTests {
    let chicago = TimeZone(identifier: "America/Chicago")!

    @Test("the digest goes out at the next 07:00 in the account's time zone")
    func nextSending() {
        let schedule = DigestSchedule()
        // 2026-12-04 09:00 in Chicago (UTC-6): the next digest is 2026-12-05 07:00 local, 13:00 UTC.
        let morning = Date(timeIntervalSince1970: 1_796_396_400)
        #expect(Timestamp.iso8601(schedule.nextSending(after: morning, in: chicago)) == "2026-12-05T13:00:00Z")
        // 2026-12-04 05:00 in Chicago: the same day's 07:00.
        let early = morning.addingTimeInterval(-4 * 3600)
        #expect(Timestamp.iso8601(schedule.nextSending(after: early, in: chicago)) == "2026-12-04T13:00:00Z")
        // Exactly 07:00 belongs to the next day's digest.
        let seven = Date(timeIntervalSince1970: 1_796_389_200)
        #expect(Timestamp.iso8601(schedule.nextSending(after: seven, in: chicago)) == "2026-12-05T13:00:00Z")
        // Summer time (UTC-5): 2026-07-01 07:00 local is 12:00 UTC.
        let july = Timestamp.parseISO8601("2026-07-01T03:00:00Z")!
        #expect(Timestamp.iso8601(schedule.nextSending(after: july, in: chicago)) == "2026-07-01T12:00:00Z")
    }

    @Test("due digest lines are grouped per account; other deliveries stay single, in order")
    func grouping() {
        func delivery(_ id: Int64, _ account: String, _ channel: DeliveryChannel) -> StoredDelivery {
            StoredDelivery(
                id: id,
                event: StoredNotification(
                    id: id,
                    event: NewNotification(
                        uid: "e\(id)", kind: "cycle.missed", account: account, occurredAt: Date(), summary: "s",
                        body: "{}", detailsText: "")),
                channel: channel, target: "t", status: .pending, attempts: 0, nextAttemptAt: Date(),
                lastAttemptAt: nil, lastError: nil, finishedAt: nil)
        }
        let due = [
            delivery(1, "uni1", .digest), delivery(2, "uni1", .webhook), delivery(3, "uni2", .digest),
            delivery(4, "uni1", .digest), delivery(5, "uni2", .email), delivery(6, "uni2", .digest),
        ]
        let batches = DeliveryBatch.group(due)
        #expect(batches.map(\.deliveries).map { $0.map(\.id) } == [[1, 4], [2], [3, 6], [5]])
        #expect(batches.map(\.account) == ["uni1", "uni1", "uni2", "uni2"])
    }

    @Test("events of a digest account are sent as one mail per account at 07:00 local, with every event")
    func digestMail() throws {
        let fixture = try NotifyFixture()
        defer { fixture.remove() }
        try fixture.configure("uni1", emails: ["it@uni1.example"], digest: true)
        try fixture.configure("uni1-test", emails: ["test@uni1.example"], digest: true)
        let mailer = ScriptedMailer()
        let service = fixture.service(smtp: localSMTP(25), mailer: mailer)

        service.notify(fixture.missed("uni1"))
        fixture.clock.advance(3600)
        service.notify(
            NotificationEvent(
                kind: .fileRejected, account: "uni1", occurredAt: fixture.clock.now(), summary: "user.csv rejected",
                details: [("file", .string("user.csv"))]))
        service.notify(fixture.missed("uni1-test"))
        service.recordQueued()
        service.deliverDue()
        #expect(mailer.sent.isEmpty, "a digest account got mail before the digest time")
        #expect(try fixture.deliveries().allSatisfy { $0.channel == .digest && $0.status == .pending })

        fixture.clock.set(Timestamp.parseISO8601("2026-12-05T13:00:00Z")!)
        service.deliverDue()

        let sent = mailer.sent
        #expect(sent.count == 2)
        let uni1 = try #require(sent.first { $0.recipients == ["it@uni1.example"] })
        #expect(uni1.text.contains("Subject: [Panda] uni1: daily digest, 2 notifications (2026-12-05)"))
        #expect(uni1.text.contains("1. Cycle of 2026-12-04 missed"))
        #expect(uni1.text.contains("2. user.csv rejected"))
        #expect(uni1.text.contains("cycle.missed: No file arrived"))
        #expect(uni1.text.contains("file.rejected: The file was not applied"))
        let test = try #require(sent.first { $0.recipients == ["test@uni1.example"] })
        #expect(test.text.contains("daily digest, 1 notification"))
        #expect(try fixture.deliveries().allSatisfy { $0.status == .delivered && $0.attempts == 1 })
    }
}
