import Foundation

/// A `user` record as stored (the password is never stored).
public struct StoredUser: Sendable, Equatable {
    public var userID: String
    public var username: String?
    public var firstName: String
    public var lastName: String
    public var email: String?
    /// `UserType` code: 0 unknown, 1 employee, 2 student.
    public var userType: Int
    /// `UserStatus` code: 0 unknown, 1 active, 2 inactive, 3 inactive graduate.
    public var userStatus: Int

    public init(
        userID: String, username: String?, firstName: String, lastName: String, email: String?, userType: Int,
        userStatus: Int
    ) {
        self.userID = userID
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.userType = userType
        self.userStatus = userStatus
    }
}

/// One defined value of a property (`Property` row), with its labels.
public struct StoredPropertyValue: Sendable, Equatable {
    public var keyID: String
    public var keyLabel: String
    public var valueID: String
    public var valueLabel: String

    public init(keyID: String, keyLabel: String, valueID: String, valueLabel: String) {
        self.keyID = keyID
        self.keyLabel = keyLabel
        self.valueID = valueID
        self.valueLabel = valueLabel
    }
}

/// A student's value for one property (`propertyuserbyid` row).
public struct StoredUserProperty: Sendable, Equatable {
    public var userID: String
    public var keyID: String
    public var valueID: String

    public init(userID: String, keyID: String, valueID: String) {
        self.userID = userID
        self.keyID = keyID
        self.valueID = valueID
    }
}

/// A program (`program` row).
public struct StoredProgram: Sendable, Equatable {
    public var programID: String
    public var code: String?
    public var title: String
    public var description: String?

    public init(programID: String, code: String?, title: String, description: String?) {
        self.programID = programID
        self.code = code
        self.title = title
        self.description = description
    }
}

/// A student's membership in a program (`programuser` row).
public struct StoredMembership: Sendable, Equatable, Hashable {
    public var userID: String
    public var programID: String

    public init(userID: String, programID: String) {
        self.userID = userID
        self.programID = programID
    }
}

/// Where a record's current state came from: the file and line that last changed it, the account-local day
/// (the cycle) and the time.
public struct RecordProvenance: Sendable, Equatable {
    public var fileID: Int64
    public var line: Int
    public var cycleDay: String
    public var changedAt: Date

    public init(fileID: Int64, line: Int, cycleDay: String, changedAt: Date) {
        self.fileID = fileID
        self.line = line
        self.cycleDay = cycleDay
        self.changedAt = changedAt
    }
}

/// A record with its provenance, as read back.
public struct ProvenancedRecord<Record: Sendable & Equatable>: Sendable, Equatable {
    public var record: Record
    public var provenance: RecordProvenance

    public init(_ record: Record, _ provenance: RecordProvenance) {
        self.record = record
        self.provenance = provenance
    }
}

/// What writing one row did to the records.
public enum RecordChange: Sendable, Equatable {
    case created, updated, unchanged
}
