import Foundation
import PandaCore

/// Each account's expected roster: the students `students.csv` is written from.
public struct RosterRepository: Sendable {
    let database: any Database
    let clock: any WallClock

    /// Adds students; returns how many were not already on the roster.
    @discardableResult
    public func add(_ studentIDs: [String], to username: String) throws -> Int {
        let now = clock.now()
        return try database.write { db in
            _ = try AccountRepository.get(username, in: db)
            return try Self.insert(studentIDs, account: username, at: now, db: db)
        }
    }

    /// Removes students; returns how many were on the roster.
    @discardableResult
    public func remove(_ studentIDs: [String], from username: String) throws -> Int {
        try database.write { db in
            _ = try AccountRepository.get(username, in: db)
            var removed = 0
            for id in Set(studentIDs) {
                removed += try db.execute("DELETE FROM roster WHERE account = ? AND student_id = ?", username, id)
            }
            return removed
        }
    }

    /// Makes the roster exactly `studentIDs`; returns how many were added and removed.
    public func replace(with studentIDs: [String], for username: String) throws -> (added: Int, removed: Int) {
        let now = clock.now()
        return try database.write { db in
            _ = try AccountRepository.get(username, in: db)
            let wanted = Set(studentIDs)
            var current = Set<String>()
            try db.forEach("SELECT student_id FROM roster WHERE account = ?", [username]) {
                current.insert($0.string(0))
            }
            var removed = 0
            for id in current.subtracting(wanted) {
                removed += try db.execute("DELETE FROM roster WHERE account = ? AND student_id = ?", username, id)
            }
            let added = try Self.insert(Array(wanted.subtracting(current)), account: username, at: now, db: db)
            return (added, removed)
        }
    }

    /// The roster in UserID order.
    public func list(_ username: String) throws -> [String] {
        try database.read { db in
            _ = try AccountRepository.get(username, in: db)
            var ids: [String] = []
            try db.forEach("SELECT student_id FROM roster WHERE account = ? ORDER BY student_id", [username]) {
                ids.append($0.string(0))
            }
            return ids
        }
    }

    public func count(_ username: String) throws -> Int {
        try database.read { db in
            try db.queryOne("SELECT COUNT(*) FROM roster WHERE account = ?", username)?.int(0) ?? 0
        }
    }

    private static func insert(_ ids: [String], account: String, at now: Date, db: any SQLConnection) throws -> Int {
        var added = 0
        for id in ids {
            added += try db.execute(
                "INSERT INTO roster (account, student_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                account, id, now)
            try db.execute(
                """
                INSERT INTO known_students (account, student_id, first_listed_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING
                """, account, id, now)
        }
        return added
    }
}
