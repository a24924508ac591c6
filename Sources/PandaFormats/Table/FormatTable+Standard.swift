extension FormatTable {
    /// The formats of spec §5 and their rules (documented in docs/errors.md).
    ///
    /// To add a file type (courses, enrollments, terms), add a `RecordFormat` here with `type: nil`: its
    /// rows are then read, validated and handed over as `GenericRecord`s with no new parsing code. Give
    /// it a `RecordType` and a typed record only when the importer applies it.
    public static let standard = FormatTable([
        RecordFormat(
            type: .student, keyword: "student", usualFileName: "students.csv",
            fields: [.identifier("UserID")],
            keyFields: ["UserID"], processingOrder: nil),
        RecordFormat(
            type: .user, keyword: "user", usualFileName: "user.csv",
            fields: [
                .identifier("UserID", reference: .student),
                .text("Username", required: false, maximumLength: 100),
                FieldRule("Password", required: false, maximumLength: 128, isSecret: true),
                .text("FirstName", required: true, maximumLength: 100),
                .text("LastName", required: true, maximumLength: 100),
                FieldRule("Email", required: false, maximumLength: 254, kind: .email),
                .code("UserType", [CodeValue("0", "unknown"), CodeValue("1", "employee"), CodeValue("2", "student")]),
                .code(
                    "UserStatus",
                    [
                        CodeValue("0", "unknown"), CodeValue("1", "active"), CodeValue("2", "inactive"),
                        CodeValue("3", "inactive graduate"), CodeValue("10", "faculty/staff/advisor"),
                    ]),
            ],
            keyFields: ["UserID"],
            skipRule: RecordFormat.SkipRule(
                field: "UserStatus", value: "10",
                reason: "UserStatus 10 (faculty/staff/advisor) is not imported with students"),
            processingOrder: 3),
        RecordFormat(
            type: .property, keyword: "Property", usualFileName: "property.csv",
            fields: [
                .identifier("KeyID"),
                .text("Key", required: true, maximumLength: 200),
                .identifier("ValueID"),
                .text("Value", required: true, maximumLength: 200),
            ],
            keyFields: ["KeyID", "ValueID"], processingOrder: 1),
        RecordFormat(
            type: .propertyUser, keyword: "propertyuserbyid", usualFileName: "propertyuserbyid.csv",
            fields: [
                .identifier("UserID", reference: .student),
                .identifier("KeyID"),
                .identifier("ValueID", reference: .propertyValue(keyField: "KeyID")),
            ],
            keyFields: ["UserID", "KeyID"], processingOrder: 4),
        RecordFormat(
            type: .program, keyword: "program", usualFileName: "program.csv",
            fields: [
                .identifier("ProgramID"),
                .text("ProgramCode", required: false, maximumLength: 64),
                .text("ProgramTitle", required: true, maximumLength: 200),
                .text("ProgramDesc", required: false, maximumLength: 2000),
            ],
            keyFields: ["ProgramID"], processingOrder: 2),
        RecordFormat(
            type: .programUser, keyword: "programuser", usualFileName: "programuser.csv",
            fields: [
                .identifier("UserID", reference: .student),
                .identifier("ProgramID", reference: .program),
            ],
            keyFields: ["UserID", "ProgramID"], processingOrder: 5),
    ])
}
