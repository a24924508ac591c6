import PandaFormats
import Testing

/// One valid row of each format of spec §5 (the spec's own examples) becomes its typed record.
@Suite struct ValidRecordTests {
    let roster = StudentSet(["K9999999"])
    let definitions = DefinitionSet(propertyValues: ["RACE": ["BL"]], programs: ["3UAS196ABS"])

    func record(_ line: String) throws -> Record? {
        let result = try validate(line + "\n", students: roster, definitions: definitions)
        #expect(result.errors == [])
        #expect(result.counts == ValidationCounts(read: 1, accepted: 1))
        return result.records.first
    }

    @Test func user() throws {
        let expected = UserRecord(
            userID: "K9999999", username: "mattiep", password: nil, firstName: "Melinda", lastName: "Legette",
            email: nil, userType: .student, userStatus: .active)
        #expect(try record(#"user,"K9999999","mattiep","","Melinda","Legette","","2","1""#) == .user(expected))
    }

    @Test func userWithEveryField() throws {
        let expected = UserRecord(
            userID: "K9999999", username: "mattiep", password: "s3cret", firstName: "Mélinda",
            lastName: "O'Neil, Jr.", email: "m.legette@uni.example.edu", userType: .employee,
            userStatus: .inactiveGraduate)
        let line = #"USER,K9999999,mattiep,s3cret,Mélinda,"O'Neil, Jr.",m.legette@uni.example.edu,1,3"#
        #expect(try record(line) == .user(expected))
        #expect(!expected.description.contains("s3cret"))
    }

    @Test func property() throws {
        let expected = PropertyRecord(keyID: "RACE", key: "Race", valueID: "BL", value: "Black or African American")
        #expect(try record(#"Property,RACE,Race,BL,"Black or African American""#) == .property(expected))
    }

    @Test func program() throws {
        let expected = ProgramRecord(
            programID: "3UAS196ABS", programCode: "ABS", programTitle: "Associate of Applied Science - Business",
            programDescription: "Business degree program")
        let line = #"program,"3UAS196ABS","ABS","Associate of Applied Science - Business","Business degree program""#
        #expect(try record(line) == .program(expected))
        let bare = ProgramRecord(programID: "P2", programCode: nil, programTitle: "T", programDescription: nil)
        #expect(try record("program,P2,,T,") == .program(bare))
    }

    @Test func propertyUser() throws {
        let expected = PropertyUserRecord(userID: "K9999999", keyID: "RACE", valueID: "BL")
        #expect(try record(#"propertyuserbyid,"K9999999","RACE","BL""#) == .propertyUser(expected))
    }

    @Test func programUser() throws {
        let expected = ProgramUserRecord(userID: "K9999999", programID: "3UAS196ABS")
        #expect(try record(#"programuser,"K9999999","3UAS196ABS""#) == .programUser(expected))
    }

    @Test func student() throws {
        // Rosters are not checked against a roster.
        let result = try validate(#"student,"K1""# + "\n")
        #expect(result.records == [.student(StudentRecord(userID: "K1"))])
    }

    @Test func facultyRowsAreSkippedNotChecked() throws {
        // UserStatus 10: not on the roster, bad e-mail, yet only skipped.
        let result = try validate(
            "user,F1,,,Ann,Lee,not-an-email,1,10\nuser,K9999999,,,Bo,Ray,,2,1\n", students: roster)
        #expect(result.counts == ValidationCounts(read: 2, accepted: 1, skipped: 1))
        guard case .skipped(let reason) = result.rows[0].outcome else {
            Issue.record("expected a skip")
            return
        }
        #expect(reason.contains("10"))
    }

    @Test func keywordsMatchIgnoringCaseAndQuotes() throws {
        let result = try validate("PROGRAMUSER,K9999999,3UAS196ABS\n\"ProgramUser\",K9999999,P9\n")
        #expect(result.counts.accepted == 2)
        #expect(result.format?.keyword == "programuser")
    }

    @Test func withoutScopeOrDefinitionsNothingIsLookedUp() throws {
        let result = try validate("programuser,ANY,UNDEFINED\n")
        #expect(result.counts.accepted == 1)
    }

    @Test func definitionsFromTheSameBatchCount() throws {
        var batch = DefinitionSet()
        for record in try validate("Property,LEVEL,Level,UG,Undergraduate\n").records { batch.add(record) }
        let result = try validate("propertyuserbyid,K9999999,LEVEL,UG\n", students: roster, definitions: batch)
        #expect(result.counts.accepted == 1)
    }

    @Test func aFormatAddedAsDataIsValidatedGenerically() throws {
        let course = RecordFormat(
            type: nil, keyword: "course", usualFileName: "course.csv",
            fields: [.identifier("CourseID"), .text("Title", required: true, maximumLength: 10)],
            keyFields: ["CourseID"], processingOrder: 6)
        let table = FormatTable(FormatTable.standard.formats + [course])
        let validator = FileValidator(
            source: MemoryByteSource("course,C1,Algebra\ncourse,C2,\ncourse,C1,Again\n"), table: table)
        var outcomes: [ValidatedRow.Outcome] = []
        while let row = try validator.next() { outcomes.append(row.outcome) }
        #expect(outcomes[0] == .accepted(.generic(GenericRecord(keyword: "course", values: ["C1", "Algebra"]))))
        #expect(outcomes[1].codes == [.requiredField])
        #expect(outcomes[2].codes == [.duplicateKey])
        #expect(table.processingOrder.map(\.keyword).last == "course")
    }

    @Test func processingOrderIsInTheTable() {
        let order = FormatTable.standard.processingOrder.map(\.keyword)
        #expect(order == ["Property", "program", "user", "propertyuserbyid", "programuser"])
        #expect(FormatTable.standard.format(forKeyword: "STUDENT")?.type == .student)
        #expect(FormatTable.standard.format(.propertyUser)?.keyword == "propertyuserbyid")
    }
}

extension ValidatedRow.Outcome {
    var codes: [RowErrorCode] {
        if case .rejected(let errors) = self { return errors.map(\.code) }
        return []
    }
}
