/// A valid row as a typed value, one case per `RecordType`.
public enum Record: Sendable, Equatable {
    case student(StudentRecord)
    case user(UserRecord)
    case property(PropertyRecord)
    case propertyUser(PropertyUserRecord)
    case program(ProgramRecord)
    case programUser(ProgramUserRecord)
    /// A row of a format the table describes but Panda has no typed record for yet.
    case generic(GenericRecord)
}

/// A valid row of a format without a typed record: its keyword (as in the table) and its field values.
public struct GenericRecord: Sendable, Equatable {
    public let keyword: String
    /// Values in the order of the format's fields (the keyword not included).
    public let values: [String]

    public init(keyword: String, values: [String]) {
        self.keyword = keyword
        self.values = values
    }
}
