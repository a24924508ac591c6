import Foundation

/// Turns a local day and wall-clock time into an instant, with a defined answer on the days daylight
/// saving time begins or ends:
///
/// - A time that does not exist (clocks jump from 02:00 to 03:00 and the time is 02:30) happens at the
///   jump, i.e. 03:00 local: the earliest moment the wall clock has passed it, as cron does.
/// - A time that occurs twice (clocks fall back from 02:00 to 01:00 and the time is 01:30) happens at its
///   first occurrence, so nothing waits an extra hour.
public enum WallClockTime {
    public static func instant(on date: LocalDate, at time: TimeOfDay, in zone: TimeZone) -> Date {
        // Seconds of the wall-clock reading as if it were UTC.
        let wall = LocalDate.gregorianUTC.date(
            from: DateComponents(
                year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute))!
        let offsets = Set([
            zone.secondsFromGMT(for: wall.addingTimeInterval(-86_400)),
            zone.secondsFromGMT(for: wall),
            zone.secondsFromGMT(for: wall.addingTimeInterval(86_400)),
        ])
        let valid = offsets.map { wall.addingTimeInterval(-Double($0)) }
            .filter { zone.secondsFromGMT(for: $0) == Int(wall.timeIntervalSince($0)) }
        if let first = valid.min() { return first }
        // In the gap: the moment the clocks jumped, found from the earliest candidate.
        let earliest = offsets.map { wall.addingTimeInterval(-Double($0)) }.min()!
        return zone.nextDaylightSavingTimeTransition(after: earliest.addingTimeInterval(-86_400)) ?? earliest
    }
}
