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
    private let loop: BackgroundLoop
    /// Accounts whose last batch failed, with when to try again.
    private let backoff = Mutex<[String: ContinuousClock.Instant]>([:])

    /// `notifier` hears of uploads rejected, processed with errors or held.
    public init(
        store: Store, dataDirectory: String, defaultSettleSeconds: Int, logger: Logger,
        notifier: any Notifier = SilentNotifier(), pollInterval: Duration = .milliseconds(200),
        observer: (any ImportObserver)? = nil
    ) {
        self.store = store
        self.importer = FileImporter(
            store: store, dataDirectory: dataDirectory, logger: logger, notifier: notifier, observer: observer)
        self.defaultSettleSeconds = defaultSettleSeconds
        self.logger = logger
        self.pollInterval = pollInterval
        self.loop = BackgroundLoop(name: "importer", logger: logger)
    }

    public func start() throws {
        ImportRecovery(importer: importer).run()
        // Spill files a crash left behind are removed when their directory is opened.
        do {
            _ = try importer.spill.get()
        } catch {
            logger.error("importer.spill_directory_failed", ["error": "\(error)"])
        }
        loop.start { [self] in
            do {
                try poll()
            } catch {
                logger.error("importer.poll_failed", ["error": "\(error)"])
            }
            return pollInterval
        }
    }

    /// Stops polling; a file being applied rolls back (it stays queued and is processed after the restart).
    public func stop(deadline: Duration) {
        loop.stop(deadline: deadline) { importer.stop() }
    }

    /// Processes every account whose newest queued upload is older than its settle time.
    private func poll() throws {
        let now = store.clock.now()
        for (account, lastUpload) in try store.importQueue.accountsWithQueuedUploads() {
            if loop.isStopping { return }
            if let retry = backoff.withLock({ $0[account] }), ContinuousClock.now < retry { continue }
            guard let settings = try store.accounts.find(account)?.settings else { continue }
            let settle = TimeInterval(settings.settleSeconds ?? defaultSettleSeconds)
            guard now.timeIntervalSince(lastUpload) >= settle else { continue }
            do {
                try ImportBatch(importer: importer).run(account: account)
                backoff.withLock { $0[account] = nil }
            } catch ImportError.stopping {
                return
            } catch {
                // The failing file stays queued; try again in a while rather than in a tight loop.
                logger.error("importer.batch_failed", ["account": account, "error": "\(error)"])
                backoff.withLock { $0[account] = ContinuousClock.now + .seconds(30) }
                // A file committed before the failure may lack its reports: finish those now.
                ImportRecovery(importer: importer).run()
            }
        }
        for upload in try store.importQueue.unrecordedSuperseded() {
            if loop.isStopping { return }
            _ = try importer.recordSuperseded(upload)
        }
    }
}
