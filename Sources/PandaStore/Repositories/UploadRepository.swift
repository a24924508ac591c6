import Foundation
import PandaCore

/// One row of the intake queue.
public struct UploadRecord: Sendable, Equatable {
    public var id: Int64
    public var account: String
    public var folder: String
    public var name: String
    public var size: Int64
    public var sha256: String
    public var uploadedAt: Date
    public var status: String
}

/// The intake queue: completed uploads waiting for (or done with) the importer.
///
/// Status `queued` waits for the importer; `superseded` was replaced by a newer upload of the same name
/// before processing; `withdrawn` was deleted by the institution before processing.
public struct UploadRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Records a completed upload, superseding a queued one of the same name, with its audit line (written
    /// by `recordDigest` instead when the digest is not known yet).
    @discardableResult
    public func enqueue(
        account: String, folder: String, name: String, size: Int64, sha256: String?, at date: Date
    ) throws -> Int64 {
        try database.write { db in
            try db.execute(
                """
                UPDATE uploads SET status = 'superseded', status_at = ?
                WHERE account = ? AND folder = ? AND name = ? AND status = 'queued'
                """, date, account, folder, name)
            try db.execute(
                """
                INSERT INTO uploads (account, folder, name, size, sha256, uploaded_at, status, status_at)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)
                """, account, folder, name, size, sha256 ?? "", date, date)
            let id = db.lastInsertID
            if let sha256 {
                try Self.auditUpload(
                    id: id, account: account, folder: folder, name: name, size: size, sha256: sha256, at: date, in: db)
            }
            return id
        }
    }

    /// The digest of an upload queued without one (nil: it could not be computed); the queue row gets it
    /// unless the importer already filled it in, and the upload's audit line is written.
    public func recordDigest(
        uploadID: Int64, account: String, folder: String, name: String, size: Int64, sha256: String?, at date: Date
    ) throws {
        try database.write { db in
            if let sha256 {
                try db.execute("UPDATE uploads SET sha256 = ? WHERE id = ? AND sha256 = ''", sha256, uploadID)
            }
            try Self.auditUpload(
                id: uploadID, account: account, folder: folder, name: name, size: size, sha256: sha256 ?? "-", at: date,
                in: db)
        }
    }

    private static func auditUpload(
        id: Int64, account: String, folder: String, name: String, size: Int64, sha256: String, at date: Date,
        in db: any SQLConnection
    ) throws {
        try AuditRepository.insert(
            AuditEntry(
                at: date, account: account, actor: "ssh", event: "file.upload",
                detail: "file=/\(folder)/\(name) size=\(size) sha256=\(sha256) upload=\(id)"), into: db)
    }

    /// A queued upload renamed to another final name (any queued upload under the new name is superseded).
    public func rename(account: String, folder: String, from: String, to: String) throws {
        let now = clock.now()
        try database.write { db in
            try db.execute(
                """
                UPDATE uploads SET status = 'superseded', status_at = ?
                WHERE account = ? AND folder = ? AND name = ? AND status = 'queued'
                """, now, account, folder, to)
            try db.execute(
                "UPDATE uploads SET name = ? WHERE account = ? AND folder = ? AND name = ? AND status = 'queued'",
                to, account, folder, from)
        }
    }

    /// A queued upload removed by the institution before processing.
    public func withdraw(account: String, folder: String, name: String) throws {
        let now = clock.now()
        try database.write { db in
            try db.execute(
                """
                UPDATE uploads SET status = 'withdrawn', status_at = ?
                WHERE account = ? AND folder = ? AND name = ? AND status = 'queued'
                """, now, account, folder, name)
        }
    }

    /// Uploads completed since `since` (for the files-per-day limit).
    public func count(account: String, since: Date) throws -> Int {
        try database.read { db in
            try db.queryOne("SELECT COUNT(*) FROM uploads WHERE account = ? AND uploaded_at >= ?", account, since)?
                .int(0) ?? 0
        }
    }

    /// Completed uploads into `folder` since `since` that the institution did not take back (a superseded
    /// one counts: a newer one replaced it).
    public func received(account: String, folder: String, since: Date) throws -> Int {
        try database.read { db in
            try db.queryOne(
                """
                SELECT COUNT(*) FROM uploads
                WHERE account = ? AND uploaded_at >= ? AND folder = ? AND status != 'withdrawn'
                """, account, since, folder)?.int(0) ?? 0
        }
    }

    public func list(account: String, status: String? = nil) throws -> [UploadRecord] {
        try database.read { db in
            let rows =
                if let status {
                    try db.query(Self.select + " WHERE account = ? AND status = ? ORDER BY id", account, status)
                } else {
                    try db.query(Self.select + " WHERE account = ? ORDER BY id", account)
                }
            return rows.map {
                UploadRecord(
                    id: $0.int64(0), account: $0.string(1), folder: $0.string(2), name: $0.string(3), size: $0.int64(4),
                    sha256: $0.string(5), uploadedAt: $0.date(6), status: $0.string(7))
            }
        }
    }

    static let select = "SELECT id, account, folder, name, size, sha256, uploaded_at, status FROM uploads"
}
