/// Turns a valid row of one format into its typed `Record`, by field positions resolved once per file.
struct RecordBuilder {
    private let type: RecordType?
    private let keyword: String
    private let positions: [Int]

    /// Stops the program if the format lacks a field its typed record needs (a table error).
    init(format: RecordFormat) {
        type = format.type
        keyword = format.keyword
        let names: [String] =
            switch format.type {
            case .student: ["UserID"]
            case .user: ["UserID", "Username", "Password", "FirstName", "LastName", "Email", "UserType", "UserStatus"]
            case .property: ["KeyID", "Key", "ValueID", "Value"]
            case .propertyUser: ["UserID", "KeyID", "ValueID"]
            case .program: ["ProgramID", "ProgramCode", "ProgramTitle", "ProgramDesc"]
            case .programUser: ["UserID", "ProgramID"]
            case nil: format.fields.map(\.name)
            }
        positions = names.map { name in
            guard let position = format.position(of: name) else {
                preconditionFailure("format \(format.keyword) has no field \(name) for its typed record")
            }
            return position
        }
    }

    func build(_ row: CSVRow) -> Record {
        row.withFieldView(build)
    }

    func build(_ fields: FieldView) -> Record {
        func text(_ index: Int) -> String { fields.string(positions[index]) }
        func optional(_ index: Int) -> String? {
            let value = text(index)
            return value.isEmpty ? nil : value
        }
        func code(_ index: Int) -> Int { Int(text(index)) ?? 0 }
        switch type {
        case .student:
            return .student(StudentRecord(userID: text(0)))
        case .user:
            return .user(
                UserRecord(
                    userID: text(0), username: optional(1), password: optional(2), firstName: text(3),
                    lastName: text(4), email: optional(5), userType: UserType(rawValue: code(6)) ?? .unknown,
                    userStatus: UserStatus(rawValue: code(7)) ?? .unknown))
        case .property:
            return .property(PropertyRecord(keyID: text(0), key: text(1), valueID: text(2), value: text(3)))
        case .propertyUser:
            return .propertyUser(PropertyUserRecord(userID: text(0), keyID: text(1), valueID: text(2)))
        case .program:
            return .program(
                ProgramRecord(
                    programID: text(0), programCode: optional(1), programTitle: text(2),
                    programDescription: optional(3)))
        case .programUser:
            return .programUser(ProgramUserRecord(userID: text(0), programID: text(1)))
        case nil:
            return .generic(GenericRecord(keyword: keyword, values: positions.indices.map(text)))
        }
    }
}
