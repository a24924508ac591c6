import Foundation
import PandaCore
import PandaStore

/// Removes what an account keeps no longer than its retention period (`account set --retention-days`,
/// default 90): the kept copies and reports of files processed before the cutoff, other reports and day
/// summaries older than it, and temporary-named uploads abandoned that long ago. The records, the ledger
/// entries (marked purged, with counts and first errors), the intake queue and the audit log stay, as do
/// the archive copies of students.csv (Panda's own publications) and everything of a held file.
public struct RetentionJob: Sendable {
    let store: Store
    let dataDirectory: String
    let logger: Logger

    /// The job runs once a day; the last run is recorded so a restart does not run it again at once.
    static let interval: TimeInterval = 86_400
    static let lastRunKey = "retention.last_run"

    public init(store: Store, dataDirectory: String, logger: Logger) {
        self.store = store
        self.dataDirectory = dataDirectory
        self.logger = logger
    }

    /// What one account's purge removed.
    public struct Purged: Sendable, Equatable {
        public var account: String
        /// Ledger entries marked purged.
        public var files: Int
        /// Files removed from disk (kept copies, reports, summaries, abandoned uploads).
        public var removed: Int
        public var bytes: Int64
    }

    /// Runs the job when a day has passed since its last run (or it never ran).
    func runIfDue(now: Date) {
        do {
            if let last = try store.serverSettings.get(Self.lastRunKey).flatMap(Int64.init),
                now.timeIntervalSince(Date(millisecondsSince1970: last)) < Self.interval
            {
                return
            }
            try store.serverSettings.set(Self.lastRunKey, String(now.millisecondsSince1970))
            try run(now: now)
        } catch {
            logger.error("retention.failed", ["error": "\(error)"])
        }
    }

    /// Purges every account now; an account that fails is logged and the others go on.
    @discardableResult
    public func run(now: Date) throws -> [Purged] {
        var purged: [Purged] = []
        for account in try store.accounts.list() {
            do {
                let result = try purge(account, now: now)
                if result.removed > 0 || result.files > 0 {
                    purged.append(result)
                    logger.info(
                        "retention.purged",
                        [
                            "account": account.username, "files": String(result.files),
                            "removed": String(result.removed), "bytes": String(result.bytes),
                        ])
                }
            } catch {
                logger.error("retention.account_failed", ["account": account.username, "error": "\(error)"])
            }
        }
        return purged
    }

    func purge(_ account: Account, now: Date) throws -> Purged {
        let username = account.username
        let cutoff = now.addingTimeInterval(-Double(account.settings.retentionDays) * 86_400)
        let storage = try AccountStorage(dataDirectory: dataDirectory, username: username)
        var result = Purged(account: username, files: 0, removed: 0, bytes: 0)
        func remove(_ name: String, from directory: HostDirectory) throws {
            guard let info = try directory.status(of: name) else { return }
            try directory.remove(name)
            result.removed += 1
            result.bytes += Int64(info.st_size)
        }

        let entries = try store.files.purgeable(account: username, processedBefore: cutoff)
        for entry in entries {
            if let kept = entry.keptName { try remove(kept, from: storage.processed) }
            for report in [entry.summaryName, entry.errorsName].compactMap({ $0 }) {
                try remove(report, from: storage.results)
            }
        }
        // Reports no entry names any more (a held file's first report after it was decided), day summaries.
        let keep = try store.files.protectedReportNames(account: username, cutoff: cutoff)
        for file in try storage.results.entries() where !keep.contains(file.name) && Self.isOlder(file.status, cutoff) {
            try remove(file.name, from: storage.results)
        }
        // Uploads left under a temporary name (an aborted client) are never processed.
        for directory in [storage.inbound, storage.validate] {
            for file in try directory.entries()
            where UploadName.isTemporary(file.name) && Self.isOlder(file.status, cutoff) {
                try remove(file.name, from: directory)
            }
        }
        for directory in [storage.processed, storage.results, storage.inbound, storage.validate] {
            try directory.synchronize()
        }
        result.files = entries.count
        if result.files > 0 || result.removed > 0 {
            try store.files.markPurged(
                account: username, ids: entries.map(\.id), at: now,
                detail: "files=\(result.files) removed=\(result.removed) bytes=\(result.bytes)"
                    + " retention_days=\(account.settings.retentionDays)")
        }
        return result
    }

    static func isOlder(_ info: stat, _ cutoff: Date) -> Bool {
        Double(info.st_mtim.tv_sec) < cutoff.timeIntervalSince1970
    }
}
