import Foundation
import PandaCore
import PandaStore
import Testing

@testable import PandaNotify

@Suite("Notification e-mail")
struct MailMessageTests {
    @Test("one mail per event: subject from the summary, details, what to do, CRLF line ends")
    func singleEvent() throws {
        let event = StoredNotification(
            id: 1,
            event: NewNotification(
                uid: "0f0e", kind: "cycle.missed", account: "uni1",
                occurredAt: Date(timeIntervalSince1970: 1_796_407_200),
                summary: "Cycle of 2026-12-04 missed", body: "{}", detailsText: "cycleDay: 2026-12-04\ndeadline: 12:00")
        )
        let account = NotifiedAccount(
            account: Account(
                username: "uni1", institutionID: try InstitutionID("uni1"), environment: .production,
                createdAt: Date()),
            zone: TimeZone(identifier: "America/Chicago")!)
        let mail = NotificationMail.single(
            event, account: account, from: "panda@operator.example", to: ["a@uni1.example", "b@uni1.example"],
            now: Date(timeIntervalSince1970: 1_796_407_260))
        #expect(mail.from == "panda@operator.example")
        #expect(mail.recipients == ["a@uni1.example", "b@uni1.example"])
        let text = mail.text
        #expect(text.hasPrefix("From: Panda <panda@operator.example>\r\nTo: a@uni1.example, b@uni1.example\r\n"))
        #expect(text.contains("\r\nSubject: [Panda] uni1: Cycle of 2026-12-04 missed\r\n"))
        #expect(text.contains("\r\nDate: Fri, 04 Dec 2026 18:01:00 +0000\r\n"))
        #expect(text.contains("\r\nMessage-ID: <0f0e@operator.example>\r\n"))
        #expect(text.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(text.contains("When:     2026-12-04 12:00 America/Chicago (2026-12-04T18:00:00Z)\r\n"))
        #expect(text.contains("\r\n  cycleDay: 2026-12-04\r\n  deadline: 12:00\r\n"))
        #expect(text.contains("What to do:\r\n  No file arrived by today's deadline."))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF in the message")
    }

    @Test("header values lose line breaks; non-ASCII subjects are RFC 2047 encoded")
    func headerSafety() {
        #expect(MailMessage.encodedHeaderValue("a\r\nBcc: x@y.z") == "a Bcc: x@y.z")
        #expect(MailMessage.encodedHeaderValue("a\nb\rc") == "a b c")
        let encoded = MailMessage.encodedHeaderValue("Fichier refusé")
        #expect(encoded == "=?UTF-8?B?RmljaGllciByZWZ1c8Op?=")
    }

    @Test("lines longer than 998 bytes are cut")
    func longLines() {
        let lines = MailMessage.bodyLines(String(repeating: "x", count: 2500))
        #expect(lines.map(\.utf8.count) == [998, 998, 504])
    }
}
