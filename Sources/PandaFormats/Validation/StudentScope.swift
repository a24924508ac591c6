/// The students an import may change, implemented by the caller (the roster lives in the store).
public protocol StudentScope {
    /// Which set this is; it decides the error code for a UserID outside it.
    var kind: StudentScopeKind { get }
    /// Whether `userID` is in the scope (exact match).
    func contains(_ userID: String) -> Bool
}

/// The two scopes of spec §6.
public enum StudentScopeKind: Sendable, Equatable {
    /// Automated uploads: the account's current `students.csv` (`not_in_roster`).
    case currentRoster
    /// Manual imports: on any roster of the account so far, or in its records (`not_in_records`).
    case knownToAccount
}

/// A scope held in memory.
public struct StudentSet: StudentScope, Sendable {
    public let kind: StudentScopeKind
    public var userIDs: Set<String>

    public init(_ userIDs: some Sequence<String>, kind: StudentScopeKind = .currentRoster) {
        self.kind = kind
        self.userIDs = Set(userIDs)
    }

    public func contains(_ userID: String) -> Bool { userIDs.contains(userID) }
}
