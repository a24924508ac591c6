import Foundation
import PandaCore

/// What the store keeps of one account's cycle day: the facts the scheduler and the SFTP server record.
///
/// Whether the cycle is uploaded, processed or held is not kept here: it follows from the intake queue and
/// the file ledger (`CycleStatus` in PandaExchange puts the two together).
public struct CycleRecord: Sendable, Equatable {
    public var account: String
    public var day: LocalDate
    /// The publication of students.csv that opened the cycle.
    public var publicationID: Int64?
    public var publishedAt: Date?
    /// The first download of students.csv after the publication.
    public var retrievedAt: Date?
    /// When the deadline was looked at (nil until then).
    public var decidedAt: Date?
    /// Nothing had been uploaded by the deadline.
    public var missed: Bool
    /// The server was not running at the publish time or at the deadline (it caught up at start-up).
    public var serverWasDown: Bool
    /// When `results/cycle-DAY.summary.txt` was last written.
    public var summaryAt: Date?

    public init(
        account: String, day: LocalDate, publicationID: Int64? = nil, publishedAt: Date? = nil,
        retrievedAt: Date? = nil, decidedAt: Date? = nil, missed: Bool = false, serverWasDown: Bool = false,
        summaryAt: Date? = nil
    ) {
        self.account = account
        self.day = day
        self.publicationID = publicationID
        self.publishedAt = publishedAt
        self.retrievedAt = retrievedAt
        self.decidedAt = decidedAt
        self.missed = missed
        self.serverWasDown = serverWasDown
        self.summaryAt = summaryAt
    }
}

/// A publication of students.csv made by the scheduler for a cycle: recorded with the cycle in one
/// transaction, so a cycle is published once even if the server stops right after.
public struct CyclePublication: Sendable, Equatable {
    public var day: LocalDate
    /// The publish time had passed while the server was not running (a catch-up at start-up).
    public var serverWasDown: Bool

    public init(day: LocalDate, serverWasDown: Bool) {
        self.day = day
        self.serverWasDown = serverWasDown
    }
}

/// The `cycles` table.
public struct CycleRepository: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func find(account: String, day: LocalDate) throws -> CycleRecord? {
        try database.read { db in
            try db.queryOne(Self.select + " WHERE account = ? AND day = ?", account, day.description)
                .flatMap(Self.record(from:))
        }
    }

    /// The account's cycles from `first` on, by day.
    public func list(account: String, from first: LocalDate) throws -> [LocalDate: CycleRecord] {
        try database.read { db in
            let rows = try db.query(
                Self.select + " WHERE account = ? AND day >= ? ORDER BY day", account, first.description)
            var records: [LocalDate: CycleRecord] = [:]
            for row in rows {
                if let record = Self.record(from: row) { records[record.day] = record }
            }
            return records
        }
    }

    /// The cycle whose students.csv was current at `instant`: the latest published at or before it.
    public func current(account: String, at instant: Date) throws -> CycleRecord? {
        try database.read { db in
            try db.queryOne(
                Self.select
                    + " WHERE account = ? AND published_at IS NOT NULL AND published_at <= ?"
                    + " ORDER BY published_at DESC LIMIT 1", account, instant
            ).flatMap(Self.record(from:))
        }
    }

    /// Records a download of students.csv at `instant` on the cycle current then (the first one counts);
    /// true when it was the first.
    @discardableResult
    public func markRetrieved(account: String, at instant: Date) throws -> Bool {
        try database.write { db in
            try db.execute(
                """
                UPDATE cycles SET retrieved_at = ?
                WHERE account = ? AND retrieved_at IS NULL AND day = (
                    SELECT day FROM cycles WHERE account = ? AND published_at IS NOT NULL AND published_at <= ?
                    ORDER BY published_at DESC LIMIT 1)
                """, instant, account, account, instant) == 1
        }
    }

    /// Records what was found at the cycle's deadline, once: true when this call decided it (false when it
    /// was decided before, e.g. by a node that stopped right after). A missed cycle is audited.
    @discardableResult
    public func decide(
        account: String, day: LocalDate, at instant: Date, missed: Bool, serverWasDown: Bool
    ) throws -> Bool {
        try database.write { db in
            let changed = try db.execute(
                """
                INSERT INTO cycles (account, day, decided_at, missed, server_was_down) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account, day) DO UPDATE SET decided_at = excluded.decided_at, missed = excluded.missed,
                    server_was_down = MAX(cycles.server_was_down, excluded.server_was_down)
                WHERE cycles.decided_at IS NULL
                """, account, day.description, instant, missed, serverWasDown)
            guard changed == 1 else { return false }
            if missed {
                try AuditRepository.insert(
                    AuditEntry(
                        at: instant, account: account, actor: "scheduler", event: "cycle.missed",
                        detail: "day=\(day) server_was_down=\(serverWasDown)"), into: db)
            }
            return true
        }
    }

    /// Records when the day's summary was written.
    public func markSummaryWritten(account: String, day: LocalDate, at instant: Date) throws {
        try database.write { db in
            try db.execute(
                "UPDATE cycles SET summary_at = ? WHERE account = ? AND day = ?", instant, account, day.description)
        }
    }

    /// Inside the publication's transaction: the cycle is published (a later publication of the same day,
    /// by `panda cycle publish`, leaves the first one recorded).
    static func recordPublication(
        _ cycle: CyclePublication, account: String, publicationID: Int64, at instant: Date, in db: any SQLConnection
    ) throws {
        try db.execute(
            """
            INSERT INTO cycles (account, day, publication_id, published_at, server_was_down) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (account, day) DO UPDATE SET publication_id = excluded.publication_id,
                published_at = excluded.published_at,
                server_was_down = MAX(cycles.server_was_down, excluded.server_was_down)
            WHERE cycles.published_at IS NULL
            """, account, cycle.day.description, publicationID, instant, cycle.serverWasDown)
    }

    static let select = """
        SELECT account, day, publication_id, published_at, retrieved_at, decided_at, missed, server_was_down,
            summary_at
        FROM cycles
        """

    static func record(from row: SQLRow) -> CycleRecord? {
        guard let day = try? LocalDate(parsing: row.string(1)) else { return nil }
        return CycleRecord(
            account: row.string(0), day: day, publicationID: row.optionalInt64(2), publishedAt: row.optionalDate(3),
            retrievedAt: row.optionalDate(4), decidedAt: row.optionalDate(5), missed: row.bool(6),
            serverWasDown: row.bool(7), summaryAt: row.optionalDate(8))
    }
}

extension Store {
    /// Each account's cycles: publication, retrieval, the deadline's decision.
    public var cycles: CycleRepository { CycleRepository(database: database) }
}
