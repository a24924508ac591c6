import Foundation

/// The textual time formats Panda prints and stores.
public enum Timestamp {
    /// `2026-12-04T14:03:11Z`: UTC, second precision, as in the JSON contract.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// Parses `2026-12-04T14:03:11Z`.
    public static func parseISO8601(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text)
    }

    /// `20261204T140311Z`: the compact UTC form used in report file names.
    public static func compact(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
