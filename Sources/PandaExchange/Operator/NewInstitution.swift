/// An institution to onboard as the operator gives it (`panda institution add`, `POST /api/v1/institutions`):
/// text that `OperatorActions.addInstitution` checks.
public struct NewInstitution: Sendable {
    /// Also the production account's username; the test account is `ID-test`.
    public var id: String
    public var name: String
    /// An IANA name; nil: this machine's time zone.
    public var timeZone: String?
    /// Environment names (`test`, `production`); nil: both.
    public var environments: [String]?
    /// Each `Name <email>` or `email`.
    public var contacts: [String]

    public init(
        id: String, name: String, timeZone: String? = nil, environments: [String]? = nil, contacts: [String] = []
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.environments = environments
        self.contacts = contacts
    }
}
