import Foundation
import Synchronization

/// A ban of one address until a moment.
public struct SSHBan: Sendable, Equatable {
    /// The banned IP address.
    public let address: String
    public let until: Date
    /// How long this ban lasts; doubles with each ban up to the policy's maximum.
    public let duration: Duration
    /// Which ban of this address this is (1 for the first).
    public let count: Int

    /// A ban as a ban list reports it.
    public init(address: String, until: Date, duration: Duration, count: Int) {
        self.address = address
        self.until = until
        self.duration = duration
        self.count = count
    }
}

/// Per-address failure bans; the executable stores them in the database so that `panda ban list|remove`
/// in another process sees and lifts them.
///
/// A failure is one connection that ended without logging in after a rejected authentication request or
/// after its login grace time ran out (not every rejected key: a client that offers three keys and the
/// third is right has not failed).
public protocol SSHBanList: Sendable {
    /// The ban in force for `address` at `now`, if any. Called for every accepted connection.
    func activeBan(for address: String, at now: Date) -> SSHBan?
    /// Records a failed login from `address`; returns the ban it triggered, if any.
    func recordFailure(from address: String, at now: Date) -> SSHBan?
}

/// When failures turn into a ban and for how long.
public struct SSHBanPolicy: Sendable, Equatable {
    /// Failures within `window` that trigger a ban.
    public var threshold: Int
    public var window: Duration
    /// The first ban's length; each further ban doubles it, up to `maximumBan`.
    public var initialBan: Duration
    public var maximumBan: Duration
    /// After this long without a ban, the doubling starts over.
    public var forgetAfter: Duration

    /// Defaults: 10 failures within 10 minutes ban for 1 minute, doubling up to 1 hour, reset after a day.
    public init(
        threshold: Int = 10, window: Duration = .seconds(600), initialBan: Duration = .seconds(60),
        maximumBan: Duration = .seconds(3600), forgetAfter: Duration = .seconds(86_400)
    ) {
        self.threshold = threshold
        self.window = window
        self.initialBan = initialBan
        self.maximumBan = maximumBan
        self.forgetAfter = forgetAfter
    }

    /// The length of the `count`-th ban (1-based): initial, doubled each time, capped.
    public func banDuration(count: Int) -> Duration {
        var duration = initialBan
        for _ in 1..<max(count, 1) {
            duration *= 2
            if duration >= maximumBan { return maximumBan }
        }
        return min(duration, maximumBan)
    }
}

/// `SSHBanList` in memory, for tests and single-process use. The database-backed list applies the same
/// `SSHBanPolicy`.
public final class InMemoryBanList: SSHBanList {
    private struct Record {
        var failures: [Date] = []
        var ban: SSHBan?
        var banCount = 0
        var lastBanEnd: Date?
    }

    /// The thresholds and durations this list applies.
    public let policy: SSHBanPolicy
    private let records = Mutex<[String: Record]>([:])

    /// An empty list applying `policy`.
    public init(policy: SSHBanPolicy = .init()) {
        self.policy = policy
    }

    /// The ban in force for `address` at `now`, if any.
    public func activeBan(for address: String, at now: Date) -> SSHBan? {
        records.withLock { records in
            guard let ban = records[address]?.ban, ban.until > now else { return nil }
            return ban
        }
    }

    /// Counts a failure; bans once `policy.threshold` failures fall within `policy.window`.
    public func recordFailure(from address: String, at now: Date) -> SSHBan? {
        records.withLock { records in
            var record = records[address] ?? Record()
            defer { records[address] = record }
            let windowStart = now.addingTimeInterval(-policy.window.timeIntervalValue)
            record.failures = record.failures.filter { $0 > windowStart } + [now]
            guard record.failures.count >= policy.threshold else { return nil }
            if let lastEnd = record.lastBanEnd, now.timeIntervalSince(lastEnd) > policy.forgetAfter.timeIntervalValue {
                record.banCount = 0
            }
            record.banCount += 1
            let duration = policy.banDuration(count: record.banCount)
            let ban = SSHBan(
                address: address, until: now.addingTimeInterval(duration.timeIntervalValue), duration: duration,
                count: record.banCount)
            record.ban = ban
            record.lastBanEnd = ban.until
            record.failures = []
            return ban
        }
    }

    /// Lifts the ban of `address` and forgets its failures (`panda ban remove`).
    public func remove(address: String) {
        records.withLock { $0[address] = nil }
    }

    /// Bans in force at `now`, by address.
    public func bans(at now: Date) -> [SSHBan] {
        records.withLock { records in
            records.values.compactMap(\.ban).filter { $0.until > now }.sorted { $0.address < $1.address }
        }
    }
}
