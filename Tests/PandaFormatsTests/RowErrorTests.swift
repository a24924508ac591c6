import PandaFormats
import Testing

/// One small fixture per row error code: the code, the line, the field and the echoed record (with the
/// password masked) are what the institution sees.
@Suite struct RowErrorTests {
    static let valid = "user,K1,ann,,Ann,Lee,ann@uni.edu,2,1\n"
    let roster = StudentSet(["K1", "K2", "K3"])
    let definitions = DefinitionSet(propertyValues: ["RACE": ["BL"]], programs: ["P1"])

    /// The errors of `text`, after checking the other rows were accepted.
    func errors(_ text: String, scope: (any StudentScope)? = nil) throws -> [RowError] {
        let result = try validate(text, students: scope ?? roster, definitions: definitions)
        #expect(result.counts.rejected == 1)
        #expect(result.counts.accepted == result.counts.read - 1)
        #expect(!result.errors.contains { $0.record.contains("Secr3t") || $0.message.contains("Secr3t") })
        return result.errors
    }

    func error(_ text: String, scope: (any StudentScope)? = nil) throws -> RowError {
        let all = try errors(text, scope: scope)
        #expect(all.count == 1)
        return try #require(all.first)
    }

    @Test func fieldCount() throws {
        let error = try error(Self.valid + "user,K2,bo,Secr3t,Bo,Ray,,2\n")
        #expect(error.code == .fieldCount)
        #expect(error.line == 2)
        #expect(error.field == nil)
        #expect(error.message.contains("has 9 fields") && error.message.contains("this row has 8"))
        // Fields may be shifted, so nothing after the keyword of a user row is shown.
        #expect(error.record == "user,***")
        let other = try validate("programuser,K1\n")
        #expect(other.errors.map(\.record) == ["programuser,K1"])
    }

    @Test func unknownKeyword() throws {
        let header = try error("UserID,Username,Password\n" + Self.valid)
        #expect(header.code == .unknownKeyword)
        #expect(header.line == 1)
        #expect(header.message.contains("header"))
        #expect(header.record == "UserID,Username,Password")
        let typo = try error(Self.valid + "\"usr\",K2,bo,Secr3t,Bo,Ray,,2,1\n")
        #expect(typo.code == .unknownKeyword && typo.line == 2)
        #expect(typo.record == "\"usr\",***")
    }

    @Test func requiredField() throws {
        let error = try error(Self.valid + "user,K2,bo,Secr3t,,Ray,,2,1\n")
        #expect(error.code == .requiredField)
        #expect(error.field == "FirstName")
        #expect(error.line == 2)
        #expect(error.record == "user,K2,bo,***,,Ray,,2,1")
    }

    @Test func fieldTooLong() throws {
        let name = String(repeating: "é", count: 101)
        let error = try error(Self.valid + "user,K2,bo,\"Secr3t\",\(name),Ray,,2,1\n")
        #expect(error.code == .fieldTooLong)
        #expect(error.field == "FirstName")
        #expect(error.message == "FirstName is 101 characters long; the maximum is 100")
        #expect(error.record == "user,K2,bo,\"***\",\(name),Ray,,2,1")
    }

    @Test func secretValuesAreNeverInMessages() throws {
        let password = "Secr3t" + String(repeating: "x", count: 200)
        let error = try error("user,K2,bo,\(password),Bo,Ray,,2,1\n")
        #expect(error.code == .fieldTooLong && error.field == "Password")
        #expect(error.record == "user,K2,bo,***,Bo,Ray,,2,1")
    }

    @Test func invalidCode() throws {
        let error = try error(Self.valid + "user,K2,bo,Secr3t,Bo,Ray,,7,1\n")
        #expect(error.code == .invalidCode)
        #expect(error.field == "UserType")
        #expect(error.message == "UserType must be 0 (unknown), 1 (employee) or 2 (student); got \"7\"")
        #expect(error.record == "user,K2,bo,***,Bo,Ray,,7,1")
        let status = try self.error("user,K2,,,Bo,Ray,,2,010\n")
        #expect(status.code == .invalidCode && status.field == "UserStatus")
        #expect(status.message.contains("10 (faculty/staff/advisor); got \"010\""))
    }

    @Test func invalidEmail() throws {
        let error = try error(Self.valid + "user,K2,bo,,Bo,Ray,bo@localhost,2,1\n")
        #expect(error.code == .invalidEmail)
        #expect(error.field == "Email")
        #expect(error.line == 2)
        #expect(error.message.contains("\"bo@localhost\""))
        #expect(error.record == "user,K2,bo,,Bo,Ray,bo@localhost,2,1")
    }

    @Test func invalidID() throws {
        let error = try error(Self.valid + "user,\" K2\",bo,,Bo,Ray,,2,1\n")
        #expect(error.code == .invalidID)
        #expect(error.field == "UserID")
        #expect(error.record == "user,\" K2\",bo,,Bo,Ray,,2,1")
    }

    @Test func notInRoster() throws {
        let error = try error(Self.valid + "user,K9,bo,Secr3t,Bo,Ray,,2,1\n")
        #expect(error.code == .notInRoster)
        #expect(error.field == "UserID")
        #expect(error.message.contains("students.csv"))
        #expect(error.record == "user,K9,bo,***,Bo,Ray,,2,1")
    }

    @Test func notInRecords() throws {
        let known = StudentSet(["K1"], kind: .knownToAccount)
        let error = try error(Self.valid + "user,K9,,,Bo,Ray,,2,1\n", scope: known)
        #expect(error.code == .notInRecords)
        #expect(error.line == 2)
        #expect(error.record == "user,K9,,,Bo,Ray,,2,1")
    }

    @Test func undefinedPropertyValue() throws {
        let error = try error("propertyuserbyid,K1,RACE,BL\npropertyuserbyid,K2,RACE,XX\n")
        #expect(error.code == .undefinedPropertyValue)
        #expect(error.field == "ValueID")
        #expect(error.line == 2)
        #expect(error.message.contains("Property,RACE,<label>,XX,<label>"))
        #expect(error.record == "propertyuserbyid,K2,RACE,XX")
    }

    @Test func undefinedProgram() throws {
        let error = try error("programuser,K1,P1\n\n\"programuser\",\"K2\",\"P7\"\n")
        #expect(error.code == .undefinedProgram)
        #expect(error.field == "ProgramID")
        #expect(error.line == 3)
        #expect(error.record == "\"programuser\",\"K2\",\"P7\"")
    }

    @Test func duplicateKey() throws {
        let error = try error(Self.valid + "user,K2,bo,,Bo,Ray,,2,1\nuser,K1,ann2,Secr3t,Ann,Lee,,2,1\n")
        #expect(error.code == .duplicateKey)
        #expect(error.field == "UserID")
        #expect(error.line == 3)
        #expect(error.message.contains("line 1"))
        #expect(error.record == "user,K1,ann2,***,Ann,Lee,,2,1")
        let pair = try self.error("programuser,K1,P1\nprogramuser,K2,P1\nprogramuser,K1,P1\n")
        #expect(pair.field == "UserID+ProgramID" && pair.line == 3)
        // A caller that finds duplicates itself can switch the index off and report the same error.
        let validator = FileValidator(source: MemoryByteSource("student,K1\nstudent,K1\n"), duplicateKeys: .unchecked)
        while try validator.next() != nil {}
        #expect(validator.counts.accepted == 2)
        let format = try #require(FormatTable.standard.format(.user))
        let own = RowError.duplicateKey(
            line: 3, firstLine: 1, format: format, keyValues: ["K1"], record: "user,K1,ann2,***,Ann,Lee,,2,1")
        #expect(own == error)
    }

    @Test func invalidUTF8() throws {
        let bytes = Array((Self.valid + "user,K2,bo,Secr3t,Bo,R").utf8) + [0xC3, 0x28] + Array("y,,2,1\n".utf8)
        let result = try validate(bytes, students: roster)
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.code == .invalidUTF8)
        #expect(error.field == "LastName")
        #expect(error.line == 2)
        #expect(error.record == "user,K2,bo,***,Bo,R\u{FFFD}(y,,2,1")
    }

    @Test func lineTooLong() throws {
        let limits = CSVLimits(maximumRecordLength: 64)
        let long = "user,K2,bo,Secr3t,Bo," + String(repeating: "R", count: 80) + ",,2,1\n"
        let result = try validate(
            Self.valid + long + Self.valid.replacingOccurrences(of: "K1", with: "K3"),
            limits: limits, students: roster)
        #expect(result.counts == ValidationCounts(read: 3, accepted: 2, rejected: 1))
        let error = try #require(result.errors.first)
        #expect(error.code == .lineTooLong && error.line == 2)
        #expect(error.record == "user,***")
    }

    @Test func malformedQuotes() throws {
        let error = try error(Self.valid + "user,\"K2\"x,bo,Secr3t,Bo,Ray,,2,1\n")
        #expect(error.code == .malformedQuotes)
        #expect(error.field == "UserID")
        #expect(error.message.contains("closing quote"))
        #expect(error.record == "user,***")
        let program = try validate("program,P1,A,\"Title \"x\",\n")
        #expect(program.errors.map(\.record) == ["program,P1,A,\"Title \"x\","])
        #expect(program.errors.map(\.field) == ["ProgramTitle"])
    }

    @Test func everyProblemOfARowIsReported() throws {
        let result = try validate(
            Self.valid + "user,K9,bo,Secr3t,,Ray,x@,5,1\nuser,K1,,,A,B,,2,1\n", students: roster)
        #expect(result.counts == ValidationCounts(read: 3, accepted: 1, rejected: 2))
        let all = result.errors
        #expect(all.map(\.code) == [.requiredField, .invalidEmail, .invalidCode, .notInRoster, .duplicateKey])
        #expect(Set(all.map(\.line)).count == 2)
        #expect(all.first?.record == "user,K9,bo,***,,Ray,x@,5,1")
    }

    @Test func everyCodeIsDocumented() throws {
        let document = try String(
            contentsOfFile: #filePath.replacingOccurrences(
                of: "Tests/PandaFormatsTests/RowErrorTests.swift", with: "docs/errors.md"), encoding: .utf8)
        for code in RowErrorCode.allCases { #expect(document.contains("`\(code.rawValue)`"), "\(code)") }
        for code in ["empty_file", "not_csv", "mixed_keywords", "unknown_file_type", "file_too_large"] {
            #expect(document.contains("`\(code)`"), "\(code)")
        }
    }
}
