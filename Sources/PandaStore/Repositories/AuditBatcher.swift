import Foundation
import PandaCore
import Synchronization

/// Collects audit entries from many sessions and writes them in batches from one background thread, so
/// a burst of logins costs a few transactions instead of one per event.
///
/// Entries are written within about `interval`; `stop()` writes what is left.
public final class AuditBatcher: Sendable {
    private let database: any Database
    private let logger: Logger
    private let pending = Mutex<[AuditEntry]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let interval: Duration

    public init(store: Store, logger: Logger, interval: Duration = .milliseconds(100)) {
        self.database = store.database
        self.logger = logger
        self.interval = interval
        Thread.detachNewThread { [self] in run() }
    }

    public func append(_ entry: AuditEntry) {
        pending.withLock { $0.append(entry) }
    }

    /// Writes every pending entry now (tests, shutdown).
    public func flush() {
        let batch = pending.withLock { entries -> [AuditEntry] in
            defer { entries.removeAll() }
            return entries
        }
        guard !batch.isEmpty else { return }
        do {
            try database.write { db in
                for entry in batch { try AuditRepository.insert(entry, into: db) }
            }
        } catch {
            logger.error("audit.write_failed", ["entries": String(batch.count), "error": "\(error)"])
        }
    }

    /// Stops the background thread after a last flush.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake.signal()
        finished.wait()
    }

    private func run() {
        let nanoseconds =
            Int(interval.components.seconds) * 1_000_000_000 + Int(interval.components.attoseconds / 1_000_000_000)
        while !stopped.load(ordering: .acquiring) {
            _ = wake.wait(timeout: .now() + .nanoseconds(nanoseconds))
            flush()
        }
        flush()
        finished.signal()
    }
}
