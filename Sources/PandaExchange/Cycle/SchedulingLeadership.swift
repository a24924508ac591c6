/// Decides which node runs the scheduler. Exactly one node may publish and decide deadlines; with several
/// `panda serve` nodes sharing a database (spec §9) this is an election, e.g. a PostgreSQL advisory lock.
///
/// Asked before every tick; a node that loses leadership stops acting at once, and one that gains it
/// catches up as after a restart.
public protocol SchedulingLeadership: Sendable {
    /// Whether this node leads now (acquiring or renewing leadership as needed). Must return quickly.
    func holdsLeadership() -> Bool
}

/// One node: it always leads.
public struct SingleNodeLeadership: SchedulingLeadership {
    public init() {}
    public func holdsLeadership() -> Bool { true }
}
