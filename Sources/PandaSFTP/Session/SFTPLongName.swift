/// The `ls -l` style `longname` of a `READDIR` entry, laid out exactly as OpenSSH's `sftp-server` does
/// (`ls_file` in `sftp-common.c`), since clients such as `sftp ls -l` print it verbatim.
///
/// `-rw-r--r--    1 uni1     uni1          123 Mar  4 09:15 students.csv`
///
/// Times are shown in UTC: the server has no business knowing the client's time zone.
enum SFTPLongName {
    /// Seconds in half a year: newer files show the time of day, older ones the year (as `ls` does).
    private static let halfYear: Int64 = 365 * 24 * 60 * 60 / 2
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// The long name of `entry`, with `now` (seconds since 1970) deciding between time of day and year.
    static func format(_ entry: SFTPDirectoryEntry, now: Int64) -> String {
        let attributes = entry.attributes
        let owner = entry.owner ?? attributes.ownership.map { String($0.userID) } ?? "0"
        let group = entry.group ?? attributes.ownership.map { String($0.groupID) } ?? "0"
        let size = attributes.size ?? 0
        let modified = Int64(attributes.times?.modificationTime ?? 0)
        // strmode(3) leaves an eleventh column for an ACL marker, hence the space after the mode.
        return mode(attributes.permissions) + "  " + padLeft("1", 3) + " " + padRight(owner, 8) + " "
            + padRight(group, 8) + " " + padLeft(String(size), 8) + " " + date(modified, now: now) + " " + entry.name
    }

    /// `strmode(3)`: type letter and the three permission triplets with set-id and sticky bits.
    static func mode(_ permissions: UInt32?) -> String {
        guard let permissions else { return "?---------" }
        let type: Character =
            switch SFTPAttributes.FileType(rawValue: permissions & SFTPAttributes.FileType.mask) {
            case .regular: "-"
            case .directory: "d"
            case .symbolicLink: "l"
            case .characterDevice: "c"
            case .blockDevice: "b"
            case .fifo: "p"
            case .socket: "s"
            case nil: "?"
            }
        var text = String(type)
        let special: [(set: UInt32, on: Character, off: Character)] = [
            (0o4000, "s", "S"), (0o2000, "s", "S"), (0o1000, "t", "T"),
        ]
        for (index, shift) in [6, 3, 0].enumerated() {
            let bits = (permissions >> UInt32(shift)) & 0o7
            text.append(bits & 0o4 != 0 ? "r" : "-")
            text.append(bits & 0o2 != 0 ? "w" : "-")
            let execute = bits & 0o1 != 0
            if permissions & special[index].set != 0 {
                text.append(execute ? special[index].on : special[index].off)
            } else {
                text.append(execute ? "x" : "-")
            }
        }
        return text
    }

    /// `%b %e %H:%M` for the last half year, `%b %e  %Y` otherwise (both 12 columns).
    static func date(_ seconds: Int64, now: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        let dayText = padLeft(String(day), 2)
        let recent = now - halfYear < seconds && now >= seconds
        if recent {
            let hour = secondOfDay / 3600
            let minute = secondOfDay % 3600 / 60
            return "\(monthNames[month - 1]) \(dayText) \(twoDigits(hour)):\(twoDigits(minute))"
        }
        return "\(monthNames[month - 1]) \(dayText)  \(year)"
    }

    /// Proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, Int(month), Int(day))
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    private static func padRight(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
