import Dispatch
import Foundation
import Synchronization

/// The thread of a polling service (importer, scheduler): runs a pass, waits the time the pass asks for,
/// and again, until stopped; a stop wakes the wait at once and waits for the pass in progress to end.
public final class BackgroundLoop: Sendable {
    private let name: String
    private let logger: Logger
    private let started = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(name: String, logger: Logger) {
        self.name = name
        self.logger = logger
    }

    /// Whether a stop was asked for (a long pass checks it to end early).
    public var isStopping: Bool { stopped.load(ordering: .acquiring) }

    /// Starts the thread; `pass` returns how long to wait before the next one.
    public func start(_ pass: @escaping @Sendable () -> Duration) {
        started.store(true, ordering: .releasing)
        Thread.detachNewThread { [self] in
            while !isStopping {
                let wait = pass()
                let nanoseconds = max(
                    0,
                    Int(wait.components.seconds) * 1_000_000_000
                        + Int(wait.components.attoseconds / 1_000_000_000))
                _ = wake.wait(timeout: .now() + .nanoseconds(nanoseconds))
            }
            finished.signal()
        }
    }

    /// Asks the loop to stop (`beforeWaking` first, e.g. to cut a long pass short) and waits up to
    /// `deadline` for it; once only, and nothing to do if it never started.
    public func stop(deadline: Duration, beforeWaking: () -> Void = {}) {
        guard started.load(ordering: .acquiring), !stopped.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        beforeWaking()
        wake.signal()
        if finished.wait(timeout: .now() + .seconds(Int(deadline.components.seconds))) == .timedOut {
            logger.warning("\(name).stop_timeout")
        }
    }
}
