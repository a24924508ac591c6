import Foundation
import PandaCore

extension FileLedgerRepository {
    /// The files of one cycle (`cycle_day`), oldest first.
    public func list(account: String, cycleDay: LocalDate) throws -> [FileEntry] {
        try database.read { db in
            try db.query(
                Self.select + " WHERE account = ? AND cycle_day = ? ORDER BY id", account, cycleDay.description
            )
            .map(Self.entry(from:))
        }
    }

    /// The account's newest `limit` entries, newest first.
    public func latest(account: String, limit: Int) throws -> [FileEntry] {
        try database.read { db in
            try db.query(Self.select + " WHERE account = ? ORDER BY id DESC LIMIT ?", account, limit)
                .map(Self.entry(from:))
        }
    }
}

extension FileLedgerRepository {
    /// Entries whose kept copy and reports retention may remove: processed before `cutoff`, finalized (their
    /// files are where the entry says), not purged yet, and not held (a held file's copy is what approving it
    /// applies).
    public func purgeable(account: String, processedBefore cutoff: Date) throws -> [FileEntry] {
        try database.read { db in
            try db.query(
                Self.select
                    + " WHERE account = ? AND processed_at < ? AND purged_at IS NULL AND finalized = 1"
                    + " AND status != 'held' ORDER BY id", account, cutoff
            ).map(Self.entry(from:))
        }
    }

    /// Held entries of the account (their reports stay whatever their age).
    public func held(account: String) throws -> [FileEntry] {
        try database.read { db in
            try db.query(Self.select + " WHERE account = ? AND status = 'held' ORDER BY id", account)
                .map(Self.entry(from:))
        }
    }

    /// Marks entries purged, with one audit line for the account.
    public func markPurged(account: String, ids: [Int64], at instant: Date, detail: String) throws {
        try database.write { db in
            for id in ids {
                try db.execute(
                    "UPDATE files SET purged_at = ? WHERE account = ? AND id = ? AND purged_at IS NULL", instant,
                    account, id)
            }
            try AuditRepository.insert(
                AuditEntry(at: instant, account: account, actor: "retention", event: "files.purge", detail: detail),
                into: db)
        }
    }
}

extension FileLedgerRepository {
    /// Report names retention must keep: those of entries not purged that were processed at or after
    /// `cutoff`, or are held.
    public func protectedReportNames(account: String, cutoff: Date) throws -> Set<String> {
        try database.read { db in
            var names = Set<String>()
            try db.forEach(
                """
                SELECT summary_name, errors_name FROM files
                WHERE account = ? AND purged_at IS NULL AND (processed_at >= ? OR status = 'held')
                """, [account, cutoff]
            ) { row in
                if let summary = row.optionalString(0) { names.insert(summary) }
                if let errors = row.optionalString(1) { names.insert(errors) }
            }
            return names
        }
    }
}
