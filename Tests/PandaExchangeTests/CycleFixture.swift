import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Synchronization

/// A clock the cycle tests set and move by hand.
final class CycleClock: WallClock {
    private let current: Mutex<Date>
    init(_ date: Date) { current = Mutex(date) }
    func now() -> Date { current.withLock { $0 } }
    func set(_ date: Date) { current.withLock { $0 = date } }
}

/// Keeps every event the producers raise.
final class RecordingNotifier: Notifier {
    private let events = Mutex<[NotificationEvent]>([])
    func notify(_ event: NotificationEvent) { events.withLock { $0.append(event) } }
    var all: [NotificationEvent] { events.withLock { $0 } }
    func of(_ kind: NotificationEvent.Kind) -> [NotificationEvent] { all.filter { $0.kind == kind } }
}

/// A data directory with account `uni1` (production, students K1…K4) in `zone`, created at `createdAt`, and a
/// scheduler driven by a hand-set clock: whole weeks run in milliseconds.
final class CycleFixture {
    let directory: TemporaryDirectory
    let clock: CycleClock
    let store: Store
    let notifier = RecordingNotifier()
    let logs = MemoryLogSink()
    let zone: TimeZone
    private(set) var scheduler: CycleScheduler
    let account = "uni1"

    init(
        zone: String = "America/New_York", createdAt: String = "2026-12-28T12:00:00Z",
        settings: (inout AccountSettings) -> Void = { _ in },
        leadership: any SchedulingLeadership = SingleNodeLeadership()
    ) throws {
        directory = try TemporaryDirectory(prefix: "panda-cycle")
        clock = CycleClock(Timestamp.parseISO8601(createdAt)!)
        self.zone = TimeZone(identifier: zone)!
        store = Store(database: try SQLiteDatabase(path: directory.file("panda.sqlite")), clock: clock)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "University One", timeZone: zone, contacts: [],
            environments: [.production])
        try store.accounts.updateSettings(account, settings)
        try store.roster.add(["K1", "K2", "K3", "K4"], to: account)
        scheduler = Self.makeScheduler(store, directory, notifier, logs, leadership)
    }

    deinit { directory.remove() }

    private static func makeScheduler(
        _ store: Store, _ directory: TemporaryDirectory, _ notifier: RecordingNotifier, _ logs: MemoryLogSink,
        _ leadership: any SchedulingLeadership
    ) -> CycleScheduler {
        CycleScheduler(
            store: store, dataDirectory: directory.path, notifier: notifier, leadership: leadership,
            logger: Logger(component: "scheduler", sink: logs))
    }

    /// A new scheduler on the same data, as after a restart of the server.
    func restart(leadership: any SchedulingLeadership = SingleNodeLeadership()) {
        scheduler = Self.makeScheduler(store, directory, notifier, logs, leadership)
    }

    /// The instant of local `time` (`HH:MM`) on `day` in the account's zone.
    func local(_ day: String, _ time: String) -> Date {
        WallClockTime.instant(on: try! LocalDate(parsing: day), at: try! TimeOfDay(parsing: time), in: zone)
    }

    /// Runs the scheduler from the clock's time to `end` as `panda serve` would: a tick at every due moment
    /// and at least every `poll` seconds. Returns the number of ticks.
    @discardableResult
    func run(until end: Date, poll: TimeInterval = 3600) -> Int {
        var ticks = 0
        while clock.now() <= end {
            let next = scheduler.tick()
            ticks += 1
            let now = clock.now()
            let wake = next.map { min(max($0, now.addingTimeInterval(0.01)), now.addingTimeInterval(poll)) }
            guard let wakeAt = wake ?? Optional(now.addingTimeInterval(poll)), wakeAt <= end else { break }
            clock.set(wakeAt)
        }
        return ticks
    }

    /// Publications of students.csv, oldest first: (local date, time).
    func publications() throws -> [(day: String, at: Date)] {
        try store.database.read { db in
            try db.query("SELECT local_date, published_at FROM publications WHERE account = ? ORDER BY id", account)
                .map { ($0.string(0), $0.date(1)) }
        }
    }

    func cycle(_ day: String) throws -> CycleRecord? {
        try store.cycles.find(account: account, day: try LocalDate(parsing: day))
    }

    func status(_ day: String? = nil) throws -> CycleStatus {
        try CycleStatus.read(
            AccountCalendar.load(account, from: store), day: try day.map(LocalDate.init(parsing:)), now: clock.now(),
            store: store)
    }

    var accountRoot: String { directory.path + "/accounts/\(account)" }

    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: accountRoot + "/\(folder)")) ?? []).sorted()
    }

    /// Puts `content` into `/inbound` and queues it, as a completed SFTP upload at the clock's time.
    @discardableResult
    func upload(_ name: String, _ content: String) throws -> Int64 {
        _ = try AccountStorage(dataDirectory: directory.path, username: account)
        let bytes = Array(content.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: accountRoot + "/inbound/\(name)"))
        return try store.uploads.enqueue(
            account: account, folder: "inbound", name: name, size: Int64(bytes.count),
            sha256: Digest.sha256Hex(bytes), at: clock.now())
    }

    /// Imports the queued uploads as `panda serve`'s importer does, with this fixture's notifier.
    @discardableResult
    func importUploads() throws -> [ImportOutcome] {
        let importer = FileImporter(
            store: store, dataDirectory: directory.path, logger: Logger(component: "import", sink: logs),
            notifier: notifier)
        return try ImportBatch(importer: importer).run(account: account)
    }
}

/// Leadership a test hands over and takes back.
final class SwitchableLeadership: SchedulingLeadership {
    let leading: Atomic<Bool>
    init(_ leading: Bool) { self.leading = Atomic(leading) }
    func holdsLeadership() -> Bool { leading.load(ordering: .acquiring) }
}
