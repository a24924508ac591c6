import Foundation
import PandaCore
import PandaStore

/// The scheduler as a service of `panda serve`: ticks at each publish time and deadline, and at least every
/// `pollInterval` (so a schedule changed with `panda account set` in another process is seen within it).
public final class SchedulerService: Service {
    public let name = "scheduler"
    private let scheduler: CycleScheduler
    private let clock: any WallClock
    private let pollInterval: TimeInterval
    private let loop: BackgroundLoop

    public init(scheduler: CycleScheduler, clock: any WallClock, logger: Logger, pollInterval: TimeInterval = 5) {
        self.scheduler = scheduler
        self.clock = clock
        self.pollInterval = pollInterval
        self.loop = BackgroundLoop(name: "scheduler", logger: logger)
    }

    public func start() throws {
        loop.start { [self] in
            let next = scheduler.tick()
            // Wake at the next due moment, a little after it so the clock has surely passed it.
            let wait = next.map { min(max($0.timeIntervalSince(clock.now()) + 0.01, 0.01), pollInterval) }
            return .milliseconds(Int((wait ?? pollInterval) * 1000))
        }
    }

    /// Stops after the tick in progress (a publication is never cut in the middle: it is one rename).
    public func stop(deadline: Duration) {
        loop.stop(deadline: deadline)
    }
}
