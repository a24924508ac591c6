import Foundation
import PandaAgent

/// A clock that moves only when the agent sleeps (or a test says so), so waiting takes no real time.
final class ManualClock: AgentClock {
    private(set) var current: Date
    private(set) var slept: [Double] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_796_400_000)) {
        current = start
    }

    func now() -> Date { current }

    func sleep(seconds: Double) {
        slept.append(seconds)
        current = current.addingTimeInterval(seconds)
    }

    func advance(_ seconds: Double) { current = current.addingTimeInterval(seconds) }
}
