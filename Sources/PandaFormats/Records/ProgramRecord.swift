/// `program,ProgramID,ProgramCode,ProgramTitle,ProgramDesc`: a program definition.
public struct ProgramRecord: Sendable, Equatable {
    public var programID: String
    public var programCode: String?
    public var programTitle: String
    public var programDescription: String?

    public init(programID: String, programCode: String?, programTitle: String, programDescription: String?) {
        self.programID = programID
        self.programCode = programCode
        self.programTitle = programTitle
        self.programDescription = programDescription
    }
}
