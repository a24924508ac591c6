import Foundation

/// An institution served by the platform; it owns one account per environment.
public struct Institution: Hashable, Sendable {
    public var id: InstitutionID
    public var name: String
    /// IANA time zone identifier, e.g. `America/Chicago`; accounts inherit it unless they override it.
    public var timeZone: String
    public var contacts: [Contact]
    public var createdAt: Date

    public init(id: InstitutionID, name: String, timeZone: String, contacts: [Contact], createdAt: Date) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.contacts = contacts
        self.createdAt = createdAt
    }

    /// Checks that `identifier` names a time zone this machine knows.
    public static func validateTimeZone(_ identifier: String) throws(DomainError) -> String {
        guard TimeZone(identifier: identifier) != nil, identifier.contains("/") || identifier == "UTC" else {
            throw .invalidTimeZone(identifier)
        }
        return identifier
    }

    /// The zone an institution gets when none is given: this machine's, if it is a region name. A machine
    /// on plain UTC often reports it as `GMT`, `UCT`, `Universal` or `Zulu` (e.g. `TZ=GMT`, or a container
    /// without /etc/localtime): that is `UTC`. Any other non-region zone (`EST5EDT`) must be given explicitly.
    public static func defaultTimeZone(current: TimeZone = .current) throws(DomainError) -> String {
        let identifier = current.identifier
        if (try? validateTimeZone(identifier)) != nil { return identifier }
        if current.secondsFromGMT() == 0 && current.nextDaylightSavingTimeTransition == nil { return "UTC" }
        throw .machineTimeZoneNotARegion(identifier)
    }
}
