/// Invalid domain values: identifiers, times, addresses, sizes given by an operator.
public enum DomainError: UserFacingError, Equatable {
    case invalidInstitutionID(String, reason: String)
    case invalidEnvironment(String)
    case invalidTimeZone(String)
    case machineTimeZoneNotARegion(String)
    case invalidTimeOfDay(String)
    case invalidWeekday(String)
    case invalidEmail(String)
    case invalidCIDR(String)
    case invalidByteCount(String)
    case invalidDate(String)
    case invalidNumber(String, field: String, range: ClosedRange<Int>)
    case invalidStudentID(String, reason: String)
    case invalidURL(String)
    case deadlineNotAfterPublish(deadline: TimeOfDay, publishAt: TimeOfDay)

    public var message: String {
        switch self {
        case .invalidInstitutionID(let id, let reason):
            "invalid institution id \"\(id)\": \(reason)"
        case .invalidEnvironment(let text):
            "unknown environment \"\(text)\"; use test, production or test,production"
        case .invalidTimeZone(let text):
            "unknown time zone \"\(text)\"; use an IANA name such as America/Chicago or Europe/London"
        case .machineTimeZoneNotARegion(let text):
            "this machine's time zone \"\(text)\" is not a region name; give the institution's time zone"
                + " (--timezone America/Chicago, Europe/London, …)"
        case .invalidTimeOfDay(let text):
            "invalid time \"\(text)\"; use 24-hour HH:MM, e.g. 05:00"
        case .invalidWeekday(let text):
            "invalid day \"\(text)\"; use mon,tue,wed,thu,fri,sat,sun"
        case .invalidEmail(let text):
            "invalid e-mail address \"\(text)\"; expected name@example.edu"
        case .invalidCIDR(let text):
            "invalid address or network \"\(text)\"; use e.g. 192.0.2.10, 192.0.2.0/24 or 2001:db8::/32"
        case .invalidByteCount(let text):
            "invalid size \"\(text)\"; use bytes or a unit, e.g. 2147483648, 500MiB, 2GiB"
        case .invalidDate(let text):
            "invalid date \"\(text)\"; use YYYY-MM-DD"
        case .invalidNumber(let text, let field, let range):
            "invalid \(field) \"\(text)\"; expected a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .invalidStudentID(let text, let reason):
            "invalid student id \"\(text)\": \(reason)"
        case .invalidURL(let text):
            "invalid URL \"\(text)\"; expected http:// or https://"
        case .deadlineNotAfterPublish(let deadline, let publishAt):
            "the deadline \(deadline) must be later in the day than the publish time \(publishAt);"
                + " change --deadline or --publish-at"
        }
    }
}
