import Foundation
import PandaCore
import PandaStore
import Synchronization

/// The scheduler as a service of `panda serve`: ticks at each publish time and deadline, and at least every
/// `pollInterval` (so a schedule changed with `panda account set` in another process is seen within it).
public final class SchedulerService: Service {
    public let name = "scheduler"
    private let scheduler: CycleScheduler
    private let clock: any WallClock
    private let logger: Logger
    private let pollInterval: TimeInterval
    private let stopped = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(scheduler: CycleScheduler, clock: any WallClock, logger: Logger, pollInterval: TimeInterval = 5) {
        self.scheduler = scheduler
        self.clock = clock
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func start() throws {
        started.store(true, ordering: .releasing)
        Thread.detachNewThread { [self] in
            run()
            finished.signal()
        }
    }

    /// Stops after the tick in progress (a publication is never cut in the middle: it is one rename).
    public func stop(deadline: Duration) {
        guard started.load(ordering: .acquiring), !stopped.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        wake.signal()
        if finished.wait(timeout: .now() + .seconds(Int(deadline.components.seconds))) == .timedOut {
            logger.warning("scheduler.stop_timeout")
        }
    }

    private func run() {
        while !stopped.load(ordering: .acquiring) {
            let next = scheduler.tick()
            // Wake at the next due moment, a little after it so the clock has surely passed it.
            let wait =
                next.map { min(max($0.timeIntervalSince(clock.now()) + 0.01, 0.01), pollInterval) } ?? pollInterval
            _ = wake.wait(timeout: .now() + .milliseconds(Int(wait * 1000)))
        }
    }
}
