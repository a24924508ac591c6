import Foundation

/// Counts read at scrape time for the metrics endpoint: cheap aggregate queries, nothing kept in memory.
public struct StoreStatistics: Sendable {
    let database: any Database

    /// Ledger entries per file status.
    public func filesByStatus() throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            try db.forEach("SELECT status, COUNT(*) FROM files GROUP BY status", []) {
                counts[$0.string(0)] = $0.int(1)
            }
            return counts
        }
    }

    /// Notification deliveries per channel and status.
    public func deliveries() throws -> [(channel: String, status: String, count: Int)] {
        try database.read { db in
            try db.query(
                "SELECT channel, status, COUNT(*) FROM notification_deliveries GROUP BY channel, status ORDER BY 1, 2"
            ).map { ($0.string(0), $0.string(1), $0.int(2)) }
        }
    }

    /// Uploads waiting for the importer.
    public func queuedUploads() throws -> Int {
        try database.read { db in
            try db.queryOne("SELECT COUNT(*) FROM uploads WHERE status = 'queued'")?.int(0) ?? 0
        }
    }
}

extension Store {
    /// Aggregate counts for metrics.
    public var statistics: StoreStatistics { StoreStatistics(database: database) }
}

extension FileLedgerRepository {
    /// The account's newest `limit` entries, newest first (the dashboard's file list, today's cycle).
    public func recent(account: String, limit: Int) throws -> [FileEntry] {
        try database.read { db in
            try db.query(Self.select + " WHERE account = ? ORDER BY id DESC LIMIT ?", account, limit)
                .map(Self.entry(from:))
        }
    }

    /// Held files of every account, oldest first: the operator's queue.
    public func held() throws -> [FileEntry] {
        try database.read { db in
            try db.query(Self.select + " WHERE status = 'held' ORDER BY id").map(Self.entry(from:))
        }
    }
}
