import Foundation

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns its last value.
///
/// For effects that follow a client's exit by a moment (the server noticing a dropped connection).
func eventually(timeout: Duration = .seconds(10), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        usleep(20_000)
    }
}
