/// `programuser,UserID,ProgramID`: a student's membership in a program.
public struct ProgramUserRecord: Sendable, Equatable {
    public var userID: String
    public var programID: String

    public init(userID: String, programID: String) {
        self.userID = userID
        self.programID = programID
    }
}
