/// `user,UserID,Username,Password,FirstName,LastName,Email,UserType,UserStatus`.
///
/// `description` never shows the password, so a record that reaches a log line cannot leak it.
public struct UserRecord: Sendable, Equatable, CustomStringConvertible {
    public var userID: String
    public var username: String?
    /// Clear text as uploaded; store only a salted hash of it, never the value.
    public var password: String?
    public var firstName: String
    public var lastName: String
    public var email: String?
    public var userType: UserType
    public var userStatus: UserStatus

    public init(
        userID: String, username: String?, password: String?, firstName: String, lastName: String, email: String?,
        userType: UserType, userStatus: UserStatus
    ) {
        self.userID = userID
        self.username = username
        self.password = password
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.userType = userType
        self.userStatus = userStatus
    }

    public var description: String {
        "UserRecord(userID: \(userID), username: \(username ?? "-"), password: \(password == nil ? "-" : "***"),"
            + " firstName: \(firstName), lastName: \(lastName), email: \(email ?? "-"),"
            + " userType: \(userType.rawValue), userStatus: \(userStatus.rawValue))"
    }
}

/// `UserType` codes.
public enum UserType: Int, Sendable, CaseIterable {
    case unknown = 0
    /// Faculty, staff or advisor.
    case employee = 1
    case student = 2
}

/// `UserStatus` codes.
public enum UserStatus: Int, Sendable, CaseIterable {
    case unknown = 0
    case active = 1
    case inactive = 2
    case inactiveGraduate = 3
    /// Faculty, staff or advisor: skipped by student imports.
    case facultyStaffAdvisor = 10
}
