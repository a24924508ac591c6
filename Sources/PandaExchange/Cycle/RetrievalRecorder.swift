import Foundation
import PandaCore
import PandaStore

/// Marks a cycle `retrieved` when the institution downloads students.csv, without holding up the SFTP
/// session: the mark is written on a queue of its own (a long import may hold the database's write lock).
public final class RetrievalRecorder: Sendable {
    private let store: Store
    private let logger: Logger
    private let queue = DispatchQueue(label: "panda.cycle.retrieval")

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// A download of `account`'s students.csv completed at `instant`.
    public func studentsFileDownloaded(account: String, at instant: Date) {
        queue.async { [store, logger] in
            do {
                if try store.cycles.markRetrieved(account: account, at: instant) {
                    logger.info("cycle.retrieved", ["account": account, "at": Timestamp.iso8601(instant)])
                }
            } catch {
                logger.error("cycle.retrieved_failed", ["account": account, "error": "\(error)"])
            }
        }
    }

    /// Waits for the marks handed over so far (at shutdown, in tests).
    public func flush() { queue.sync {} }
}
