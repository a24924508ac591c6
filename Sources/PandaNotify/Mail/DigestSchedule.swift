import Foundation
import PandaCore

/// When an account's daily digest is sent: at a fixed local time (07:00 by default) in the account's
/// time zone, with every event since the previous digest, so contacts read one mail at the start of
/// their working day instead of one per event.
public struct DigestSchedule: Sendable, Equatable {
    public var time: TimeOfDay

    public init(time: TimeOfDay = TimeOfDay(hour: 7, minute: 0)) {
        self.time = time
    }

    /// The first sending time strictly after `instant` in `zone`: today's if it is still ahead, else
    /// tomorrow's (daylight-saving days as `WallClockTime` defines them).
    public func nextSending(after instant: Date, in zone: TimeZone) -> Date {
        let today = LocalDate(instant, in: zone)
        let todays = WallClockTime.instant(on: today, at: time, in: zone)
        return todays > instant ? todays : WallClockTime.instant(on: today.adding(days: 1), at: time, in: zone)
    }
}
