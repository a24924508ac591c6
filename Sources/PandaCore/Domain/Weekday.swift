import Foundation

/// A day of the week, as used in an account's exchange days.
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    // Raw values follow Foundation's Calendar (1 = Sunday) so conversion needs no table.
    case sunday = 1, monday, tuesday, wednesday, thursday, friday, saturday

    public var shortName: String {
        switch self {
        case .sunday: "sun"
        case .monday: "mon"
        case .tuesday: "tue"
        case .wednesday: "wed"
        case .thursday: "thu"
        case .friday: "fri"
        case .saturday: "sat"
        }
    }

    /// Monday to Friday, the default exchange days.
    public static let workdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// Parses `mon,tue,…` (also full names, any case); the result is in week order without repeats.
    public static func parseList(_ text: String) throws(DomainError) -> [Weekday] {
        var days = Set<Weekday>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard
                let day = allCases.first(where: {
                    name == $0.shortName || (name.count > 3 && name.hasPrefix($0.shortName) && "\($0)".hasPrefix(name))
                })
            else { throw .invalidWeekday(String(part)) }
            days.insert(day)
        }
        guard !days.isEmpty else { throw .invalidWeekday(text) }
        return days.sorted(by: { $0.weekOrder < $1.weekOrder })
    }

    /// Monday first, as people read a working week.
    public var weekOrder: Int { (rawValue + 5) % 7 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.weekOrder < rhs.weekOrder }
}
