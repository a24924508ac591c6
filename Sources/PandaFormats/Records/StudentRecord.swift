/// `student,UserID`: one student of a roster (`students.csv`).
public struct StudentRecord: Sendable, Equatable {
    public var userID: String

    public init(userID: String) { self.userID = userID }
}
