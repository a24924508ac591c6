import Foundation
import PandaCore
import PandaStore
import Synchronization

/// The importer as a service of `panda serve`: watches the intake queue and processes each account's
/// uploads as a batch once the account has been quiet for its settle time (`account set --settle`, else
/// the server's `--settle`; 0 processes at once). At start it finishes what a crash interrupted.
public final class ImportService: Service {
    public let name = "importer"
    private let store: Store
    private let importer: FileImporter
    private let defaultSettleSeconds: Int
    private let logger: Logger
    private let pollInterval: Duration
    private let stopped = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    public init(
        store: Store, dataDirectory: String, defaultSettleSeconds: Int, logger: Logger,
        pollInterval: Duration = .milliseconds(200)
    ) {
        self.store = store
        self.importer = FileImporter(store: store, dataDirectory: dataDirectory, logger: logger)
        self.defaultSettleSeconds = defaultSettleSeconds
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func start() throws {
        ImportRecovery(importer: importer).run()
        // Spill files a crash left behind are removed when their directory is opened.
        do {
            _ = try importer.spill.get()
        } catch {
            logger.error("importer.spill_directory_failed", ["error": "\(error)"])
        }
        started.store(true, ordering: .releasing)
        Thread.detachNewThread { [self] in
            run()
            finished.signal()
        }
    }

    /// Stops polling; a file being applied rolls back (it stays queued and is processed after the restart).
    public func stop(deadline: Duration) {
        guard started.load(ordering: .acquiring), !stopped.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        importer.stop()
        wake.signal()
        let nanoseconds = Int(deadline.components.seconds) * 1_000_000_000
        if finished.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
            logger.warning("importer.stop_timeout")
        }
    }

    private func run() {
        let interval =
            Int(pollInterval.components.attoseconds / 1_000_000_000)
            + Int(pollInterval.components.seconds) * 1_000_000_000
        var failing: [String: ContinuousClock.Instant] = [:]
        while !stopped.load(ordering: .acquiring) {
            do {
                try poll(backoff: &failing)
            } catch {
                logger.error("importer.poll_failed", ["error": "\(error)"])
            }
            _ = wake.wait(timeout: .now() + .nanoseconds(interval))
        }
    }

    /// Processes every account whose newest queued upload is older than its settle time.
    private func poll(backoff: inout [String: ContinuousClock.Instant]) throws {
        let now = store.clock.now()
        for (account, lastUpload) in try store.importQueue.accountsWithQueuedUploads() {
            if stopped.load(ordering: .acquiring) { return }
            if let retry = backoff[account], ContinuousClock.now < retry { continue }
            guard let settings = try store.accounts.find(account)?.settings else { continue }
            let settle = TimeInterval(settings.settleSeconds ?? defaultSettleSeconds)
            guard now.timeIntervalSince(lastUpload) >= settle else { continue }
            do {
                try ImportBatch(importer: importer).run(account: account)
                backoff[account] = nil
            } catch ImportError.stopping {
                return
            } catch {
                // The failing file stays queued; try again in a while rather than in a tight loop.
                logger.error("importer.batch_failed", ["account": account, "error": "\(error)"])
                backoff[account] = ContinuousClock.now + .seconds(30)
                // A file committed before the failure may lack its reports: finish those now.
                ImportRecovery(importer: importer).run()
            }
        }
        for upload in try store.importQueue.unrecordedSuperseded() {
            if stopped.load(ordering: .acquiring) { return }
            _ = try importer.recordSuperseded(upload)
        }
    }
}
