import Foundation

/// Polls `condition` every 20 ms until it holds or `timeout` passes; true if it held in time.
///
/// For effects that follow an answer by a moment: the server noticing a dropped connection, a token's last
/// use recorded off the request's thread, a notification delivered. The timeout only bounds a failing test.
public func eventually(timeout: Duration = .seconds(20), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        usleep(20_000)
    }
}
