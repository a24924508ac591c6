/// When a failed delivery is tried again: growing pauses, then giving up.
///
/// The standard schedule retries after 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h and 8 h:
/// eleven attempts over about 24 hours, so a receiver that is down for a night still gets the event.
/// Retries are stored with the delivery, so they survive a restart of the server.
public struct RetrySchedule: Sendable, Equatable {
    /// The pause after the n-th failed attempt is `delays[n - 1]`; after the last one the delivery fails.
    public var delays: [Duration]

    public init(delays: [Duration]) {
        self.delays = delays
    }

    public static let standard = RetrySchedule(delays: [
        .seconds(10), .seconds(30), .seconds(120), .seconds(600), .seconds(1800), .seconds(3600), .seconds(7200),
        .seconds(14_400), .seconds(28_800), .seconds(28_800),
    ])

    /// How many attempts a delivery gets in all.
    public var maximumAttempts: Int { delays.count + 1 }

    /// The pause before the next attempt after `attempt` (1-based) failed; nil means give up.
    public func delay(afterFailedAttempt attempt: Int) -> Duration? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        return delays[attempt - 1]
    }

    /// From the first attempt to the last.
    public var span: Duration { delays.reduce(.zero, +) }
}
