import Foundation
import PandaCore

/// The file ledger (`files`) and the first row errors of each file (`file_errors`).
///
/// The importer writes entries with the static functions inside its own transaction, together with the
/// records a file changes; everything else reads through the instance methods.
public struct FileLedgerRepository: Sendable {
    let database: any Database

    /// Row errors kept per file in the database; the errors CSV in `results/` has all of them.
    public static let storedErrorLimit = 1000

    public init(database: any Database) { self.database = database }

    // MARK: - Reading

    /// The entry with `id` of `account`.
    public func get(account: String, id: Int64) throws -> FileEntry {
        guard let entry = try find(account: account, id: id) else {
            throw StoreError.notFound(what: "file \(id) of account \(account)", hint: "see `panda files \(account)`")
        }
        return entry
    }

    public func find(account: String, id: Int64) throws -> FileEntry? {
        try database.read { db in try Self.find(account: account, id: id, in: db) }
    }

    /// The newest entry of `account`, or the newest named `name`.
    public func latest(account: String, name: String? = nil) throws -> FileEntry? {
        try database.read { db in
            let row =
                if let name {
                    try db.queryOne(
                        Self.select + " WHERE account = ? AND name = ? ORDER BY id DESC LIMIT 1", account, name)
                } else {
                    try db.queryOne(Self.select + " WHERE account = ? ORDER BY id DESC LIMIT 1", account)
                }
            return row.map(Self.entry(from:))
        }
    }

    /// The account's entries, oldest first.
    public func list(account: String) throws -> [FileEntry] {
        try database.read { db in
            try db.query(Self.select + " WHERE account = ? ORDER BY id", account).map(Self.entry(from:))
        }
    }

    /// Entries whose kept copy and reports are not known to be on disk yet (a crash came between the
    /// commit and the files), oldest first.
    public func unfinalized() throws -> [FileEntry] {
        try database.read { db in
            try db.query(Self.select + " WHERE finalized = 0 ORDER BY id").map(Self.entry(from:))
        }
    }

    /// Records that the entry's kept copy and reports are on disk.
    public func markFinalized(id: Int64) throws {
        try database.write { db in try db.execute("UPDATE files SET finalized = 1 WHERE id = ?", id) }
    }

    /// The first row errors of file `id`, in line order.
    public func errors(fileID id: Int64, limit: Int = storedErrorLimit) throws -> [StoredRowError] {
        try database.read { db in try Self.errors(fileID: id, limit: limit, in: db) }
    }

    // MARK: - Writing, inside the importer's transaction

    /// The id the next entry will get; stable for the rest of the caller's write transaction.
    public static func nextID(in db: any SQLConnection) throws -> Int64 {
        (try db.queryOne("SELECT COALESCE(MAX(id), 0) + 1 FROM files")?.int64(0)) ?? 1
    }

    /// Whether a report name is already used by another entry of the account.
    public static func reportNameTaken(account: String, summaryName: String, in db: any SQLConnection) throws -> Bool {
        try db.queryOne("SELECT 1 FROM files WHERE account = ? AND summary_name = ?", account, summaryName) != nil
    }

    /// The latest applied (or held) file of `account` with this content, if any.
    public static func sameContent(account: String, sha256: String, in db: any SQLConnection) throws -> Int64? {
        try db.queryOne(
            """
            SELECT id FROM files WHERE account = ? AND sha256 = ?
                AND status IN ('processed', 'processed_with_errors', 'held')
            ORDER BY id DESC LIMIT 1
            """, account, sha256)?.int64(0)
    }

    /// Inserts `entry` (with its id) and its first `errors`.
    public static func insert(_ entry: FileEntry, errors: [StoredRowError], in db: any SQLConnection) throws {
        try db.execute(
            """
            INSERT INTO files (id, account, upload_id, source, scope, name, type, sha256, size, uploaded_at,
                processed_at, cycle_day, status, rows_read, rows_created, rows_updated, rows_unchanged, rows_skipped,
                rows_rejected, error_count, active_students, deactivated, memberships_ended,
                students_losing_memberships, threshold_percent, file_error_code, file_error_message, file_error_line,
                duplicate_of, kept_name, summary_name, errors_name, errors_spool, decided_by, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [entry.id, entry.account, entry.uploadID] + values(of: entry))
        try insertErrors(errors, fileID: entry.id, in: db)
    }

    /// Rewrites every column of `entry` but its identity, and (when given) replaces its stored errors; the
    /// entry needs finalizing again (new reports).
    public static func update(_ entry: FileEntry, errors: [StoredRowError]?, in db: any SQLConnection) throws {
        try db.execute(
            """
            UPDATE files SET source = ?, scope = ?, name = ?, type = ?, sha256 = ?, size = ?, uploaded_at = ?,
                processed_at = ?, cycle_day = ?, status = ?, rows_read = ?, rows_created = ?, rows_updated = ?,
                rows_unchanged = ?, rows_skipped = ?, rows_rejected = ?, error_count = ?, active_students = ?,
                deactivated = ?, memberships_ended = ?, students_losing_memberships = ?, threshold_percent = ?,
                file_error_code = ?, file_error_message = ?, file_error_line = ?, duplicate_of = ?, kept_name = ?,
                summary_name = ?, errors_name = ?, errors_spool = ?, decided_by = ?, decided_at = ?, finalized = 0
            WHERE id = ? AND account = ?
            """, values(of: entry) + [entry.id, entry.account])
        if let errors {
            try db.execute("DELETE FROM file_errors WHERE file_id = ?", entry.id)
            try insertErrors(errors, fileID: entry.id, in: db)
        }
    }

    public static func find(account: String, id: Int64, in db: any SQLConnection) throws -> FileEntry? {
        try db.queryOne(select + " WHERE account = ? AND id = ?", account, id).map(entry(from:))
    }

    public static func errors(fileID id: Int64, limit: Int, in db: any SQLConnection) throws -> [StoredRowError] {
        try db.query(
            "SELECT line, code, field, message, record FROM file_errors WHERE file_id = ? ORDER BY position LIMIT ?",
            id, limit
        ).map {
            StoredRowError(
                line: $0.int(0), code: $0.string(1), field: $0.optionalString(2), message: $0.string(3),
                record: $0.string(4))
        }
    }

    private static func insertErrors(_ errors: [StoredRowError], fileID: Int64, in db: any SQLConnection) throws {
        for (position, error) in errors.prefix(storedErrorLimit).enumerated() {
            try db.execute(
                "INSERT INTO file_errors (file_id, position, line, code, field, message, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
                fileID, position, error.line, error.code, error.field, error.message, error.record)
        }
    }

    /// The columns after `upload_id`, in the order of `insert` (and of `update`'s SET list).
    private static func values(of entry: FileEntry) -> [any SQLBindable] {
        let counts = entry.counts
        let changes = entry.changes
        return [
            entry.source.rawValue, entry.scope.rawValue, entry.name, entry.type, entry.sha256, entry.size,
            entry.uploadedAt, entry.processedAt, entry.cycleDay, entry.status.rawValue, counts.read, counts.created,
            counts.updated, counts.unchanged, counts.skipped, counts.rejected, entry.errorCount,
            changes.activeStudents, changes.deactivated, changes.membershipsEnded, changes.studentsLosingMemberships,
            changes.thresholdPercent, entry.problem?.code, entry.problem?.message, entry.problem?.line,
            entry.duplicateOf, entry.keptName, entry.summaryName, entry.errorsName, entry.errorsSpool,
            entry.decidedBy, entry.decidedAt,
        ]
    }

    static let select = """
        SELECT id, account, upload_id, source, scope, name, type, sha256, size, uploaded_at, processed_at, cycle_day,
            status, rows_read, rows_created, rows_updated, rows_unchanged, rows_skipped, rows_rejected, error_count,
            active_students, deactivated, memberships_ended, students_losing_memberships, threshold_percent,
            file_error_code, file_error_message, file_error_line, duplicate_of, kept_name, summary_name, errors_name,
            errors_spool, decided_by, decided_at, purged_at
        FROM files
        """

    static func entry(from row: SQLRow) -> FileEntry {
        let problem = row.optionalString(25).map {
            FileProblem(code: $0, message: row.string(26), line: row.optionalInt64(27).map(Int.init))
        }
        return FileEntry(
            id: row.int64(0), account: row.string(1), uploadID: row.optionalInt64(2),
            source: FileSource(rawValue: row.string(3)) ?? .manual, scope: FileScope(rawValue: row.string(4)) ?? .known,
            name: row.string(5), type: row.optionalString(6), sha256: row.string(7), size: row.int64(8),
            uploadedAt: row.date(9), processedAt: row.date(10), cycleDay: row.string(11),
            status: FileStatus(rawValue: row.string(12)) ?? .rejected,
            counts: FileCounts(
                read: row.int(13), created: row.int(14), updated: row.int(15), unchanged: row.int(16),
                skipped: row.int(17), rejected: row.int(18)),
            errorCount: row.int(19),
            changes: FileChanges(
                activeStudents: row.int(20), deactivated: row.int(21), membershipsEnded: row.int(22),
                studentsLosingMemberships: row.int(23), thresholdPercent: row.int(24)),
            problem: problem, duplicateOf: row.optionalInt64(28), keptName: row.optionalString(29),
            summaryName: row.optionalString(30), errorsName: row.optionalString(31),
            errorsSpool: row.optionalString(32),
            decidedBy: row.optionalString(33), decidedAt: row.optionalDate(34), purgedAt: row.optionalDate(35))
    }
}
