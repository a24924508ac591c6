import Foundation

/// Time as the agent sees it: now, and waiting between two looks at the results folder.
public protocol AgentClock: AnyObject {
    func now() -> Date
    func sleep(seconds: Double)
}

/// The real clock.
public final class SystemAgentClock: AgentClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        usleep(useconds_t(min(seconds, 3600) * 1_000_000))
    }
}
