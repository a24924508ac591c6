import Foundation
import PandaCore
import PandaNotify
import PandaStore
import PandaTesting
import Synchronization

/// A clock tests set by hand.
final class ManualClock: WallClock {
    private let current: Mutex<Date>
    init(_ date: Date) { current = Mutex(date) }
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    func set(_ date: Date) { current.withLock { $0 = date } }
}

/// A store in a fresh temporary directory with institution `uni1` (accounts `uni1`, `uni1-test`) in
/// America/Chicago. Call `remove()` at the end.
struct NotifyFixture {
    let directory: TemporaryDirectory
    let store: Store
    let clock: ManualClock
    let logs = MemoryLogSink()

    /// 2026-12-04 (a Friday) 15:00 UTC, 09:00 in Chicago.
    static let start = Date(timeIntervalSince1970: 1_796_396_400)

    init(clock: ManualClock = ManualClock(NotifyFixture.start)) throws {
        directory = try TemporaryDirectory(prefix: "panda-notify")
        self.clock = clock
        store = Store(database: try SQLiteDatabase(path: directory.file("panda.sqlite")), clock: clock)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "University One", timeZone: "America/Chicago",
            contacts: [Contact(name: "Ada", email: "ada@uni.edu")], environments: [.test, .production])
    }

    var logger: Logger { Logger(component: "notify", sink: logs, minimumLevel: .debug) }

    func remove() { directory.remove() }

    /// Sets the account's notification channels.
    func configure(
        _ account: String = "uni1", webhook: String? = nil, secret: String? = nil, emails: [String] = [],
        digest: Bool = false
    ) throws {
        try store.accounts.updateSettings(account) { s in
            s.webhookURL = webhook
            s.webhookSecret = secret
            s.notifyEmails = emails
            s.digest = digest
        }
    }

    /// A service over this store; not started unless the test starts it.
    func service(
        smtp: SMTPServer? = nil, retry: RetrySchedule = .standard, poster: any HTTPPoster = CurlHTTPPoster(),
        mailer: any MailSender = CurlMailSender(), clock: (any WallClock)? = nil,
        adjust: (inout NotificationConfiguration) -> Void = { _ in }
    ) -> NotificationService {
        var configuration = NotificationConfiguration(smtp: smtp, mailFrom: "panda@operator.example")
        configuration.retry = retry
        configuration.idlePoll = .milliseconds(200)
        adjust(&configuration)
        return NotificationService(
            store: store, configuration: configuration, poster: poster, mailer: mailer, clock: clock ?? self.clock,
            logger: logger)
    }

    /// A missed-cycle event for `account` now.
    func missed(_ account: String = "uni1") -> NotificationEvent {
        NotificationEvent(
            kind: .cycleMissed, account: account, occurredAt: clock.now(),
            summary: "Cycle of 2026-12-04 missed: nothing uploaded by 12:00",
            details: [("cycleDay", .string("2026-12-04")), ("deadline", .string("12:00"))])
    }

    /// Every delivery of the account's events, oldest first.
    func deliveries(_ account: String? = nil) throws -> [StoredDelivery] {
        try store.notifications.history(account: account, limit: 1000).reversed().flatMap(\.deliveries)
    }

    func attempts(_ account: String? = nil) throws -> [StoredDeliveryAttempt] {
        try store.notifications.history(account: account, limit: 1000).reversed().flatMap(\.attempts)
    }
}

/// An `HTTPPoster` that records requests and answers from a script (then with the last answer).
final class ScriptedPoster: HTTPPoster {
    private let state: Mutex<(answers: [Result<Int, TransferError>], requests: [HTTPRequest])>

    init(_ answers: [Result<Int, TransferError>] = [.success(200)]) {
        state = Mutex((answers, []))
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func post(_ request: HTTPRequest) throws(TransferError) -> Int {
        let answer = state.withLock { s -> Result<Int, TransferError> in
            s.requests.append(request)
            return s.answers.count > 1 ? s.answers.removeFirst() : s.answers[0]
        }
        return try answer.get()
    }
}

/// A `MailSender` that records envelopes and answers from a script (then with the last answer).
final class ScriptedMailer: MailSender {
    private let state: Mutex<(answers: [TransferError?], sent: [MailEnvelope])>

    init(_ answers: [TransferError?] = [nil]) {
        state = Mutex((answers, []))
    }

    var sent: [MailEnvelope] { state.withLock { $0.sent } }

    func send(_ envelope: MailEnvelope, via server: SMTPServer, timeout: Duration) throws(TransferError) {
        let answer = state.withLock { s -> TransferError? in
            s.sent.append(envelope)
            return s.answers.count > 1 ? s.answers.removeFirst() : s.answers[0]
        }
        if let answer { throw answer }
    }
}

extension MailEnvelope {
    var text: String { String(decoding: message, as: UTF8.self) }
}

/// A plain SMTP server on 127.0.0.1.
func localSMTP(_ port: Int) -> SMTPServer { SMTPServer(implicitTLS: false, host: "127.0.0.1", port: port) }
