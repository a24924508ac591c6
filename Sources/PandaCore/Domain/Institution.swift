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
}
