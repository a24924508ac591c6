import Foundation

/// The source of "now". Services take it as a seam so tests can run whole weeks in milliseconds.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
