import Foundation
import PandaCore
import PandaStore
import Synchronization

/// Runs each account's daily cycle: publishes students.csv at the publish time (exactly as `panda cycle
/// publish` does), decides each cycle at its deadline (missed when nothing was uploaded), keeps the day's
/// summary current, and runs the daily retention job. Time comes from the store's clock, so tests run whole
/// weeks in milliseconds.
///
/// Catch-up: whatever came due while no scheduler ran (the server was down, or this node did not lead) is
/// done at the first tick: a cycle whose publish time passed before its deadline is published then, one
/// whose deadline passed too is missed, and both are marked `serverWasDown`. A cycle is published once: the
/// publication and the cycle's record commit together, and a recorded cycle is never published again.
///
/// How far back a catch-up looks: to the last instant the previous run recorded (`scheduler.checked_until`,
/// written about once a minute), at most `catchUpLimit`; on a database no scheduler ever ran on, only
/// today's cycle is caught up.
public final class CycleScheduler: Sendable {
    private let store: Store
    private let publisher: RosterPublisher
    private let summaries: DaySummaryWriter
    private let retention: RetentionJob
    private let notifier: any Notifier
    private let leadership: any SchedulingLeadership
    private let logger: Logger
    private let leader = Mutex<LeaderState?>(nil)

    /// A catch-up records missed cycles of at most this many days back.
    public static let catchUpLimit: TimeInterval = 7 * 86_400
    /// How often the examined instant is recorded for the next start-up.
    static let checkpointInterval: TimeInterval = 60
    static let checkpointKey = "scheduler.checked_until"

    /// What this node knows while it leads.
    struct LeaderState {
        /// The first tick of this leadership: due moments before it passed while no scheduler ran.
        let runningSince: Date
        /// Where an account not examined yet starts (the previous run's checkpoint, or `runningSince`).
        let examinedFrom: Date
        /// Per account: every due moment up to this instant has been handled.
        var examinedUntil: [String: Date] = [:]
        var checkpointedAt: Date?
    }

    public init(
        store: Store, dataDirectory: String, notifier: any Notifier,
        leadership: any SchedulingLeadership = SingleNodeLeadership(), logger: Logger
    ) {
        self.store = store
        self.publisher = RosterPublisher(store: store, dataDirectory: dataDirectory)
        self.summaries = DaySummaryWriter(store: store, dataDirectory: dataDirectory, logger: logger)
        self.retention = RetentionJob(store: store, dataDirectory: dataDirectory, logger: logger.named("retention"))
        self.notifier = notifier
        self.leadership = leadership
        self.logger = logger
    }

    /// One pass over every account; returns the next publish time or deadline it knows of (nil when this
    /// node does not lead or nothing is due today). An account that fails is logged and tried again at the
    /// next tick.
    @discardableResult
    public func tick() -> Date? {
        guard leadership.holdsLeadership() else {
            if leader.withLock({ $0 }) != nil { logger.info("scheduler.leadership_lost") }
            leader.withLock { $0 = nil }
            return nil
        }
        let now = store.clock.now()
        var state = leader.withLock { $0 } ?? begin(at: now)
        var next: Date?
        let accounts: [Account]
        do {
            accounts = try store.accounts.list()
        } catch {
            logger.error("scheduler.accounts_failed", ["error": "\(error)"])
            return nil
        }
        for account in accounts {
            let from = state.examinedUntil[account.username] ?? state.examinedFrom
            do {
                let due = try run(account, from: max(from, now.addingTimeInterval(-Self.catchUpLimit)), now: now, state)
                state.examinedUntil[account.username] = now
                if let due { next = min(next ?? due, due) }
            } catch {
                logger.error("scheduler.account_failed", ["account": account.username, "error": "\(error)"])
            }
        }
        checkpoint(&state, now: now, accounts: accounts)
        leader.withLock { $0 = state }
        retention.runIfDue(now: now)
        return next
    }

    /// Starts a leadership: reads where the previous run stopped.
    private func begin(at now: Date) -> LeaderState {
        let previous = try? store.serverSettings.get(Self.checkpointKey).flatMap(Int64.init)
        let examinedFrom = previous.map(Date.init(millisecondsSince1970:)).map { min($0, now) } ?? now
        logger.info(
            "scheduler.leading",
            ["since": Timestamp.iso8601(now), "catching_up_from": Timestamp.iso8601(examinedFrom)])
        return LeaderState(runningSince: now, examinedFrom: examinedFrom)
    }

    /// Records, about once a minute, the instant up to which every account was examined.
    private func checkpoint(_ state: inout LeaderState, now: Date, accounts: [Account]) {
        if let last = state.checkpointedAt, now.timeIntervalSince(last) < Self.checkpointInterval { return }
        let examined = accounts.map { state.examinedUntil[$0.username] ?? state.examinedFrom }.min() ?? now
        do {
            try store.serverSettings.set(Self.checkpointKey, String(examined.millisecondsSince1970))
            state.checkpointedAt = now
        } catch {
            logger.error("scheduler.checkpoint_failed", ["error": "\(error)"])
        }
    }

    /// Handles every cycle of `account` whose deadline is after `from`; returns its next due moment today.
    private func run(_ account: Account, from: Date, now: Date, _ state: LeaderState) throws -> Date? {
        let schedule = try AccountCalendar.load(account, from: store)
        let today = schedule.day(of: now)
        // The day before, too: in another zone `from` may fall on the previous local day's cycle.
        let first = schedule.day(of: from).adding(days: -1)
        let records = try store.cycles.list(account: account.username, from: first)
        var next: Date?
        var acted = false
        var day = first
        while day <= today {
            defer { day = day.adding(days: 1) }
            guard let cycle = schedule.cycle(on: day), cycle.deadline > from else { continue }
            let record = records[day]
            guard record?.decidedAt == nil else { continue }
            if now < cycle.publishAt {
                next = min(next ?? cycle.publishAt, cycle.publishAt)
            } else if now < cycle.deadline {
                if record?.publishedAt == nil {
                    try publish(schedule, cycle, serverWasDown: cycle.publishAt < state.runningSince)
                    acted = true
                }
                next = min(next ?? cycle.deadline, cycle.deadline)
            } else {
                try decide(schedule, cycle, record, now: now, serverWasDown: cycle.deadline < state.runningSince)
                acted = true
            }
        }
        // A summary that cannot be written (a file unreadable) must not hold up publications and deadlines.
        do {
            let current = acted ? try store.cycles.list(account: account.username, from: first) : records
            try summaries.refresh(schedule, records: current, now: now)
        } catch {
            logger.error("cycle.summary_failed", ["account": account.username, "error": "\(error)"])
        }
        return next
    }

    private func publish(_ schedule: AccountCalendar, _ cycle: ExchangeCalendar.Cycle, serverWasDown: Bool) throws {
        let username = schedule.account.username
        let publication = try publisher.publish(
            account: username, cycle: CyclePublication(day: cycle.day, serverWasDown: serverWasDown))
        logger.info(
            "cycle.published",
            [
                "account": username, "day": cycle.day.description, "students": String(publication.students),
                "catch_up": String(serverWasDown),
            ])
    }

    /// At the deadline: missed when nothing was uploaded since the publication (or it was never published).
    private func decide(
        _ schedule: AccountCalendar, _ cycle: ExchangeCalendar.Cycle, _ record: CycleRecord?, now: Date,
        serverWasDown deadlinePassedWhileDown: Bool
    ) throws {
        let username = schedule.account.username
        let received = try record?.publishedAt.map {
            try store.uploads.received(account: username, folder: AccountFolder.inbound.rawValue, since: $0)
        }
        let missed = (received ?? 0) == 0
        let serverWasDown = deadlinePassedWhileDown || (record?.serverWasDown ?? false)
        guard
            try store.cycles.decide(
                account: username, day: cycle.day, at: now, missed: missed, serverWasDown: serverWasDown)
        else { return }
        logger.info(
            missed ? "cycle.missed" : "cycle.closed",
            [
                "account": username, "day": cycle.day.description, "uploads": String(received ?? 0),
                "server_was_down": String(serverWasDown),
            ])
        guard missed else { return }
        notifier.notify(
            .cycleMissed(
                account: username, day: cycle.day, deadline: cycle.deadline, schedule: schedule,
                published: record?.publishedAt != nil, retrieved: record?.retrievedAt != nil,
                serverWasDown: serverWasDown, at: now))
    }
}
