import PandaFormats

/// The UserIDs of a `students.csv` (`student,"ID"` rows, spec §5), read with the format table.
public struct StudentList: Sendable, Equatable {
    public let userIDs: Set<String>

    public init(_ userIDs: some Sequence<String>) {
        self.userIDs = Set(userIDs)
    }

    /// Parses the bytes of a students.csv. An empty file is an empty roster; a file of another type, or with
    /// a row that is not a valid `student` row, is refused (the error names the first bad line).
    public static func parse(_ bytes: [UInt8]) throws(AgentError) -> StudentList {
        let validator = FileValidator(source: MemoryByteSource(bytes))
        var ids: [String] = []
        do {
            while let row = try validator.next() {
                guard validator.format?.type == .student else {
                    throw AgentError.studentsFile("it is not a students.csv (its rows are not student rows)")
                }
                switch row.outcome {
                case .accepted(.student(let student)): ids.append(student.userID)
                case .rejected(let errors):
                    let first = errors.first.map { "line \($0.line): \($0.message)" } ?? "line \(row.line)"
                    throw AgentError.studentsFile(first)
                default:
                    throw AgentError.studentsFile("line \(row.line) is not a student row")
                }
            }
        } catch let error as AgentError {
            throw error
        } catch FormatError.emptyFile {
            return StudentList([])
        } catch {
            throw AgentError.studentsFile("\(error)")
        }
        return StudentList(ids)
    }

    public var count: Int { userIDs.count }

    public func contains(_ userID: String) -> Bool { userIDs.contains(userID) }
}
