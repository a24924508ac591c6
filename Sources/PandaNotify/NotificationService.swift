import Foundation
import PandaCore
import PandaStore
import Synchronization

/// Delivers notifications: the `Notifier` producers call, and a `Service` of `panda serve`.
///
/// `notify` only appends the event to an in-memory queue and returns. Two background threads do the rest:
/// - the *intake* thread records each queued event with its planned deliveries in the store, within
///   milliseconds, so a delivery outlives a restart;
/// - the *delivery* thread attempts due deliveries (webhook POSTs, e-mail, daily digests), records every
///   attempt, schedules retries, and runs the key-expiry check every `keyCheckInterval`.
///
/// So a slow or dead receiver delays only other deliveries, never a producer (an import, a login).
public final class NotificationService: Service, Notifier {
    public let name = "notify"
    private let store: Store
    private let configuration: NotificationConfiguration
    private let clock: any WallClock
    private let logger: Logger
    private let recorder: NotificationRecorder
    private let worker: DeliveryWorker
    private let keyCheck: KeyExpiryCheck

    private let queue = Mutex<[NotificationEvent]>([])
    /// Beyond this many unrecorded events (the store is unreachable), new ones are dropped and logged.
    private let queueLimit = 10_000
    private let intakeWake = DispatchSemaphore(value: 0)
    private let deliveryWake = DispatchSemaphore(value: 0)
    private let intakeDone = DispatchSemaphore(value: 0)
    private let deliveryDone = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    private let nextKeyCheck = Mutex<ContinuousClock.Instant?>(nil)

    public init(
        store: Store, configuration: NotificationConfiguration, poster: any HTTPPoster = CurlHTTPPoster(),
        mailer: any MailSender = CurlMailSender(), clock: any WallClock = SystemClock(), logger: Logger
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        recorder = NotificationRecorder(
            store: store, planner: DeliveryPlanner(configuration: configuration), clock: clock)
        worker = DeliveryWorker(
            store: store, configuration: configuration, poster: poster, mailer: mailer, clock: clock, logger: logger)
        keyCheck = KeyExpiryCheck(
            store: store, recorder: recorder, notice: configuration.keyExpiryNotice, clock: clock, logger: logger)
    }

    // MARK: - Notifier

    /// Queues the event and returns at once; never throws, never waits for the store or a receiver.
    public func notify(_ event: NotificationEvent) {
        let accepted = queue.withLock { queued in
            guard queued.count < queueLimit else { return false }
            queued.append(event)
            return true
        }
        guard accepted else {
            logger.error(
                "event_dropped", ["account": event.account, "kind": event.kind.rawValue, "reason": "queue full"])
            return
        }
        intakeWake.signal()
    }

    // MARK: - Service

    public func start() throws {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        logger.info(
            "started",
            [
                "smtp": configuration.smtp?.description ?? "none", "mail_from": configuration.mailFrom,
                "retries": String(configuration.retry.delays.count),
            ])
        Thread.detachNewThread { [self] in runIntake() }
        Thread.detachNewThread { [self] in runDeliveries() }
    }

    /// Records what is still queued, lets an attempt in progress finish within `deadline`, and stops.
    /// Pending deliveries stay in the store and continue after the next start.
    public func stop(deadline: Duration) {
        guard running.load(ordering: .acquiring), !stopping.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        intakeWake.signal()
        deliveryWake.signal()
        let until = DispatchTime.now() + .milliseconds(Int(deadline.seconds * 1000))
        if intakeDone.wait(timeout: until) == .timedOut { logger.warning("stop_timeout", ["thread": "intake"]) }
        if deliveryDone.wait(timeout: until) == .timedOut { logger.warning("stop_timeout", ["thread": "delivery"]) }
    }

    // MARK: - Work, also callable directly by tests (with the service not started)

    /// Records every queued event; returns how many were recorded.
    @discardableResult
    public func recordQueued() -> Int {
        let events = queue.withLock { queued -> [NotificationEvent] in
            defer { queued.removeAll() }
            return queued
        }
        var recorded = 0
        for event in events {
            do {
                guard let pending = try recorder.record(event) else {
                    logger.info("unknown_account", ["account": event.account, "kind": event.kind.rawValue])
                    continue
                }
                recorded += 1
                logger.info(
                    "recorded", ["account": event.account, "kind": event.kind.rawValue, "pending": String(pending)])
            } catch {
                logger.error(
                    "record_failed", ["account": event.account, "kind": event.kind.rawValue, "error": "\(error)"])
            }
        }
        if recorded > 0 { deliveryWake.signal() }
        return recorded
    }

    /// Attempts the deliveries due now; returns how many were handled.
    @discardableResult
    public func deliverDue() -> Int {
        do {
            return try worker.deliverDue(shouldContinue: { !stopping.load(ordering: .acquiring) })
        } catch {
            logger.error("delivery_store_error", ["error": "\(error)"])
            return 0
        }
    }

    /// Announces keys that entered their expiry notice period; returns how many.
    @discardableResult
    public func checkExpiringKeys() -> Int {
        do {
            return try keyCheck.run()
        } catch {
            logger.error("key_check_failed", ["error": "\(error)"])
            return 0
        }
    }

    // MARK: - Threads

    private func runIntake() {
        while !stopping.load(ordering: .acquiring) {
            intakeWake.wait()
            recordQueued()
        }
        recordQueued()
        intakeDone.signal()
    }

    private func runDeliveries() {
        while !stopping.load(ordering: .acquiring) {
            checkKeysIfDue()
            deliverDue()
            guard !stopping.load(ordering: .acquiring) else { break }
            _ = deliveryWake.wait(timeout: .now() + .milliseconds(millisecondsUntilNextWork()))
        }
        deliveryDone.signal()
    }

    private func checkKeysIfDue() {
        let now = ContinuousClock.now
        let due = nextKeyCheck.withLock { next -> Bool in
            guard next.map({ now >= $0 }) ?? true else { return false }
            next = now + configuration.keyCheckInterval
            return true
        }
        if due { checkExpiringKeys() }
    }

    /// Until the next due delivery or key check, at most `idlePoll`, at least 10 ms.
    private func millisecondsUntilNextWork() -> Int {
        var wait = configuration.idlePoll.seconds
        if let next = nextKeyCheck.withLock({ $0 }) {
            wait = min(wait, (next - ContinuousClock.now).seconds)
        }
        do {
            if let due = try store.notifications.nextDueAt() {
                wait = min(wait, due.timeIntervalSince(clock.now()))
            }
        } catch {
            logger.error("delivery_store_error", ["error": "\(error)"])
        }
        return max(10, Int(wait * 1000))
    }
}
