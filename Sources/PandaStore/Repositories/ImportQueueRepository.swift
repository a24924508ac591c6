import Foundation

/// The importer's view of the intake queue (`uploads`): which accounts have work, and the status change
/// that commits together with a file's ledger entry.
public struct ImportQueueRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Accounts with queued uploads, each with the time of its latest one (the settle time counts from it).
    public func accountsWithQueuedUploads() throws -> [(account: String, lastUpload: Date)] {
        try database.read { db in
            try db.query("SELECT account, MAX(uploaded_at) FROM uploads WHERE status = 'queued' GROUP BY account")
                .map { ($0.string(0), $0.date(1)) }
        }
    }

    /// Uploads replaced by a newer one before processing that have no ledger entry yet.
    public func unrecordedSuperseded(account: String? = nil) throws -> [UploadRecord] {
        try database.read { db in
            let condition =
                "u.status = 'superseded' AND NOT EXISTS (SELECT 1 FROM files f WHERE f.upload_id = u.id)"
            let sql = """
                SELECT u.id, u.account, u.folder, u.name, u.size, u.sha256, u.uploaded_at, u.status
                FROM uploads u WHERE \(condition)
                """
            let rows =
                if let account {
                    try db.query(sql + " AND u.account = ? ORDER BY u.id", account)
                } else {
                    // No ORDER BY here: it would make SQLite scan the table instead of the partial index.
                    try db.query(sql)
                }
            return rows.map(Self.upload(from:)).sorted { $0.id < $1.id }
        }
    }

    /// The account's queued uploads, oldest first.
    public func queued(account: String) throws -> [UploadRecord] {
        try database.read { db in
            try db.query(
                "SELECT id, account, folder, name, size, sha256, uploaded_at, status FROM uploads"
                    + " WHERE account = ? AND status = 'queued' ORDER BY id", account
            ).map(Self.upload(from:))
        }
    }

    /// The newest queued upload of `account` named `name`, if any (a file not processed yet).
    public func queued(account: String, name: String) throws -> UploadRecord? {
        try database.read { db in
            try db.queryOne(
                "SELECT id, account, folder, name, size, sha256, uploaded_at, status FROM uploads"
                    + " WHERE account = ? AND name = ? AND status = 'queued' ORDER BY id DESC LIMIT 1", account, name
            ).map(Self.upload(from:))
        }
    }

    /// Marks a queued upload processed, inside the transaction that records its outcome; false when it is
    /// no longer queued (superseded or withdrawn meanwhile), in which case the caller rolls back.
    public static func markProcessed(uploadID: Int64, at date: Date, in db: any SQLConnection) throws -> Bool {
        try db.execute(
            "UPDATE uploads SET status = 'processed', status_at = ? WHERE id = ? AND status = 'queued'", date,
            uploadID) == 1
    }

    /// The upload's current name and status (the institution may have renamed it while it was processed).
    public static func current(uploadID: Int64, in db: any SQLConnection) throws -> (name: String, status: String)? {
        try db.queryOne("SELECT name, status FROM uploads WHERE id = ?", uploadID).map { ($0.string(0), $0.string(1)) }
    }

    static func upload(from row: SQLRow) -> UploadRecord {
        UploadRecord(
            id: row.int64(0), account: row.string(1), folder: row.string(2), name: row.string(3), size: row.int64(4),
            sha256: row.string(5), uploadedAt: row.date(6), status: row.string(7))
    }
}

extension Store {
    /// The file ledger and row errors.
    public var files: FileLedgerRepository { FileLedgerRepository(database: database) }
    /// Users, property values, programs and memberships, with provenance.
    public var records: RecordRepository { RecordRepository(database: database) }
    /// The intake queue as the importer sees it.
    public var importQueue: ImportQueueRepository { ImportQueueRepository(database: database) }
}
