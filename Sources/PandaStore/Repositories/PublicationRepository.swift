import Foundation
import PandaCore

/// A publication of `students.csv`.
public struct Publication: Sendable, Equatable {
    public var id: Int64
    public var account: String
    /// The account-local date, `YYYY-MM-DD`, which names the archive copy.
    public var localDate: String
    public var publishedAt: Date
    public var students: Int
    public var sha256: String
}

/// Every publication of `students.csv` per account.
public struct PublicationRepository: Sendable {
    let database: any Database

    /// Records a publication and its audit line; one the scheduler made for a cycle (`cycle`) also marks the
    /// cycle published, in the same transaction. `actor` names who published (default: `scheduler` for a
    /// cycle, else `publisher`).
    @discardableResult
    public func record(
        account: String, localDate: String, at date: Date, students: Int, sha256: String,
        cycle: CyclePublication? = nil, actor: String? = nil
    ) throws -> Publication {
        try database.write { db in
            try db.execute(
                "INSERT INTO publications (account, local_date, published_at, students, sha256) VALUES (?, ?, ?, ?, ?)",
                account, localDate, date, students, sha256)
            let id = db.lastInsertID
            if let cycle {
                try CycleRepository.recordPublication(cycle, account: account, publicationID: id, at: date, in: db)
            }
            try AuditRepository.insert(
                AuditEntry(
                    at: date, account: account, actor: actor ?? (cycle == nil ? "publisher" : "scheduler"),
                    event: "roster.publish",
                    detail: "date=\(localDate) students=\(students) sha256=\(sha256)"
                        + (cycle?.serverWasDown == true ? " catch_up=true" : "")), into: db)
            return Publication(
                id: id, account: account, localDate: localDate, publishedAt: date, students: students, sha256: sha256)
        }
    }

    public func latest(account: String) throws -> Publication? {
        try database.read { db in
            try db.queryOne(
                """
                SELECT id, account, local_date, published_at, students, sha256 FROM publications
                WHERE account = ? ORDER BY id DESC LIMIT 1
                """, account
            ).map {
                Publication(
                    id: $0.int64(0), account: $0.string(1), localDate: $0.string(2), publishedAt: $0.date(3),
                    students: $0.int(4), sha256: $0.string(5))
            }
        }
    }
}
