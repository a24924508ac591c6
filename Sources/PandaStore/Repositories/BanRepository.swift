import Foundation
import PandaCore

/// A ban of one address after repeated failed logins.
public struct AddressBan: Sendable, Equatable {
    public var address: String
    public var until: Date
    public var duration: TimeInterval
    /// Which ban of this address this is (1 for the first); the length doubles with each.
    public var count: Int
    public var bannedAt: Date
}

/// When failures turn into a ban and for how long (the SSH server's policy, in plain numbers).
public struct BanRule: Sendable {
    public var threshold: Int
    public var window: TimeInterval
    /// After this long without a ban, the next ban counts as the first again.
    public var forgetAfter: TimeInterval
    /// The length of the n-th ban (1-based).
    public var duration: @Sendable (Int) -> TimeInterval

    public init(
        threshold: Int, window: TimeInterval, forgetAfter: TimeInterval,
        duration: @escaping @Sendable (Int) -> TimeInterval
    ) {
        self.threshold = threshold
        self.window = window
        self.forgetAfter = forgetAfter
        self.duration = duration
    }
}

/// Failed logins and bans per address, shared by the server and `panda ban …` in other processes.
public struct BanRepository: Sendable {
    let database: any Database

    public func active(address: String, at now: Date) throws -> AddressBan? {
        try database.read { db in
            try db.queryOne(Self.select + " WHERE address = ? AND until > ?", address, now).map(Self.ban(from:))
        }
    }

    /// Records one failed login; returns the ban it triggered, if any (with its audit line).
    public func recordFailure(address: String, at now: Date, rule: BanRule) throws -> AddressBan? {
        try database.write { db in
            try db.execute(
                "DELETE FROM login_failures WHERE address = ? AND at <= ?", address,
                now.addingTimeInterval(-rule.window))
            try db.execute("INSERT INTO login_failures (address, at) VALUES (?, ?)", address, now)
            let failures =
                try db.queryOne("SELECT COUNT(*) FROM login_failures WHERE address = ?", address)?.int(0) ?? 0
            guard failures >= rule.threshold else { return nil }
            var count = 1
            if let previous = try db.queryOne(Self.select + " WHERE address = ?", address).map(Self.ban(from:)),
                now.timeIntervalSince(previous.until) <= rule.forgetAfter
            {
                count = previous.count + 1
            }
            let duration = rule.duration(count)
            let ban = AddressBan(
                address: address, until: now.addingTimeInterval(duration), duration: duration, count: count,
                bannedAt: now)
            try db.execute(
                """
                INSERT INTO address_bans (address, until, duration_ms, count, banned_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (address) DO UPDATE SET until = excluded.until, duration_ms = excluded.duration_ms,
                    count = excluded.count, banned_at = excluded.banned_at
                """, address, ban.until, Int64(duration * 1000), count, now)
            try db.execute("DELETE FROM login_failures WHERE address = ?", address)
            try AuditRepository.insert(
                AuditEntry(
                    at: now, account: nil, actor: "ssh", event: "ban", address: address,
                    detail: "failures=\(failures) seconds=\(Int(duration)) count=\(count)"), into: db)
            return ban
        }
    }

    /// Bans in force at `now`, by address.
    public func list(at now: Date) throws -> [AddressBan] {
        try database.read { db in
            try db.query(Self.select + " WHERE until > ? ORDER BY address", now).map(Self.ban(from:))
        }
    }

    /// Lifts the ban of `address`, forgets its failures and audits `ban.remove` under `actor`; returns the ban
    /// lifted, nil when the address was not banned.
    @discardableResult
    public func remove(address: String, at now: Date, actor: String) throws -> AddressBan? {
        try database.write { db in
            let lifted = try db.queryOne(Self.select + " WHERE address = ? AND until > ?", address, now)
                .map(Self.ban(from:))
            try db.execute("DELETE FROM address_bans WHERE address = ?", address)
            try db.execute("DELETE FROM login_failures WHERE address = ?", address)
            if lifted != nil {
                try AuditRepository.insert(
                    AuditEntry(at: now, account: nil, actor: actor, event: "ban.remove", address: address), into: db)
            }
            return lifted
        }
    }

    static let select = "SELECT address, until, duration_ms, count, banned_at FROM address_bans"

    static func ban(from row: SQLRow) -> AddressBan {
        AddressBan(
            address: row.string(0), until: row.date(1), duration: Double(row.int64(2)) / 1000, count: row.int(3),
            bannedAt: row.date(4))
    }
}
