import Foundation
import PandaAgent
import PandaFormats
import PandaTesting
import Testing

@Suite("Filtering an export to students.csv")
struct ExportFilterTests {
    let students = StudentList(["K1", "K2", "K3"])

    func filter(_ text: String) throws -> (FilterResult, String) {
        let directory = try TemporaryDirectory(prefix: "panda-filter-test")
        defer { directory.remove() }
        let source = directory.file("in.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: source))
        let result = try ExportFilter(students: students).filter(source, to: directory.file("out.csv"))
        let output = try String(contentsOfFile: directory.file("out.csv"), encoding: .utf8)
        #expect(try String(contentsOfFile: source, encoding: .utf8) == text, "the input must not change")
        return (result, output)
    }

    @Test("the field naming the student comes from the format table")
    func studentField() throws {
        let table = FormatTable.standard
        for keyword in ["user", "propertyuserbyid", "programuser"] {
            let format = try #require(table.format(forKeyword: keyword))
            #expect(ExportFilter.studentPosition(in: format) == format.position(of: "UserID"))
        }
        for keyword in ["Property", "program"] {
            #expect(ExportFilter.studentPosition(in: try #require(table.format(forKeyword: keyword))) == nil)
        }
    }

    @Test("user rows of unlisted students are dropped, the others copied byte for byte")
    func userRows() throws {
        let text =
            Rows.user("K1") + Rows.user("K9") + "user,\"K2\",\"b\",\"\",\"Bob\",\"Two\",\"\",\"2\",\"1\"\r\n"
            + Rows.user("K8") + Rows.user("K3")
        let (result, output) = try filter(text)
        #expect(result.read == 5 && result.kept == 3 && result.dropped == 2)
        #expect(result.filtered && result.format?.keyword == "user")
        #expect(
            output == Rows.user("K1") + "user,\"K2\",\"b\",\"\",\"Bob\",\"Two\",\"\",\"2\",\"1\"\n" + Rows.user("K3"))
        #expect(result.lineMap == [1: 1, 2: 3, 3: 5])
    }

    @Test("propertyuserbyid and programuser rows are filtered by their UserID")
    func membershipRows() throws {
        let (properties, propertiesOut) = try filter(
            "propertyuserbyid,\"K1\",\"RACE\",\"BL\"\npropertyuserbyid,\"K7\",\"RACE\",\"BL\"\n")
        #expect(properties.kept == 1 && properties.dropped == 1)
        #expect(propertiesOut == "propertyuserbyid,\"K1\",\"RACE\",\"BL\"\n")
        let (programs, _) = try filter("programuser,K7,P1\nprogramuser,K2,P1\nprogramuser,K3,P2\n")
        #expect(programs.read == 3 && programs.kept == 2 && programs.dropped == 1)
    }

    @Test("definitions pass whole")
    func definitions() throws {
        let property = "Property,RACE,Race,BL,\"Black\"\nProperty,LEVEL,Level,UG,\"Undergraduate\"\n"
        let (result, output) = try filter(property)
        #expect(result.read == 2 && result.kept == 2 && result.dropped == 0 && !result.filtered)
        #expect(output == property)
        let (programs, _) = try filter("program,\"P1\",\"ABS\",\"Business\",\"\"\n")
        #expect(programs.kept == 1 && !programs.filtered)
    }

    @Test("rows whose UserID cannot be judged are kept for validation to report")
    func malformedRowsKept() throws {
        let text =
            Rows.user("K9")  // unlisted: dropped
            + "user,\"K9\",\"too\",\"few\"\n"  // wrong field count: kept
            + "user,\"\",\"u\",\"\",\"No\",\"Id\",\"\",\"2\",\"1\"\n"  // blank UserID: kept
            + "user,\" K9\",\"u\",\"\",\"Bad\",\"Id\",\"\",\"2\",\"1\"\n"  // malformed UserID: kept
            + "programuser,K9,P1\n"  // another keyword: kept (the file is rejected whole)
        let (result, output) = try filter(text)
        #expect(result.read == 5 && result.dropped == 1 && result.kept == 4)
        #expect(!output.contains(Rows.user("K9")))
        #expect(output.contains("too") && output.contains("programuser,K9,P1"))
    }

    @Test("blank lines are not rows and disappear")
    func blankLines() throws {
        let (result, output) = try filter("\n" + Rows.user("K1") + ",,,,\n\n" + Rows.user("K2"))
        #expect(result.read == 2 && result.kept == 2)
        #expect(output == Rows.user("K1") + Rows.user("K2"))
        #expect(result.lineMap == [1: 2, 2: 5])
    }
}

@Suite("Reading students.csv")
struct StudentListTests {
    @Test("student rows with quotes, a BOM and CRLF")
    func parse() throws {
        let list = try StudentList.parse(Array("\u{FEFF}student,\"K1\"\r\nstudent,K2\r\n".utf8))
        #expect(list.userIDs == ["K1", "K2"])
    }

    @Test("an empty students.csv is an empty roster")
    func empty() throws {
        #expect(try StudentList.parse([]).count == 0)
    }

    @Test("another file type is refused with the reason")
    func wrongType() {
        #expect(throws: AgentError.studentsFile("it is not a students.csv (its rows are not student rows)")) {
            try StudentList.parse(Array(Rows.user("K1").utf8))
        }
        #expect(throws: AgentError.self) { try StudentList.parse(Array("student,\"K1\"\nstudent\n".utf8)) }
    }
}
