import Foundation
import PandaFormats

/// Keeps the rows of an SIS export whose student is listed in students.csv (spec §8).
///
/// A row is left out exactly when the server would reject it as `not_in_roster`: the format table says
/// which field names the student (`FieldRule.Reference.student`: the UserID of `user`, `propertyuserbyid`,
/// `programuser`), and the validator checks it against the roster only when the row is a well-formed row
/// of the file's type whose UserID passed its own rules. Every other row is kept (definitions such as
/// `Property` and `program`, and rows with a wrong field count, a blank or malformed UserID, broken quotes
/// or another keyword), so local validation and the server report them instead of the filter hiding them.
/// Kept rows are copied byte for byte.
public struct ExportFilter {
    public let table: FormatTable
    public let students: StudentList

    public init(students: StudentList, table: FormatTable = .standard) {
        self.students = students
        self.table = table
    }

    /// Row position (the keyword is 0) of the field that names the student, if the format has one.
    public static func studentPosition(in format: RecordFormat) -> Int? {
        format.fields.firstIndex { $0.reference == .student }.map { $0 + 1 }
    }

    /// Copies the rows to keep from `source` to a new file `destination` (mode 0600).
    ///
    /// Throws `FormatError` for a file that cannot be read as CSV at all (validation rejects it whole
    /// anyway) and `AgentError` when a file cannot be opened or written.
    public func filter(_ source: String, to destination: String) throws -> FilterResult {
        let input = try Self.open(source)
        defer { close(input) }
        // A second reading of the same bytes: the validator judges each row, the reader keeps its raw bytes.
        let judged = try Self.open(source)
        defer { close(judged) }
        let output = Foundation.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            throw AgentError.temporaryDirectory(reason: "\(destination): \(String(cString: strerror(errno)))")
        }
        defer { close(output) }
        let reader = CSVReader(source: FileDescriptorByteSource(descriptor: input))
        let validator = FileValidator(
            source: FileDescriptorByteSource(descriptor: judged), table: table,
            students: StudentSet(students.userIDs), duplicateKeys: .unchecked)
        var validatorFailed = false
        var writer = CSVWriter(sink: FileDescriptorByteSink(descriptor: output))
        var result = FilterResult()
        var nextLine = 1
        while let row = try reader.next() {
            if row.isBlank { continue }  // the validator skips the same rows
            result.read += 1
            var verdict: ValidatedRow?
            if !validatorFailed {
                do { verdict = try validator.next() } catch { validatorFailed = true }
            }
            if let verdict, verdict.line == row.line, verdict.errors.contains(where: { $0.code == .notInRoster }) {
                result.dropped += 1
                continue
            }
            result.kept += 1
            result.lineMap[nextLine] = row.line
            try writer.writeLine(raw: row.raw)
            nextLine += row.lineCount
        }
        try writer.flush()
        result.format = validator.format
        result.filtered = validator.format.flatMap(Self.studentPosition(in:)) != nil
        return result
    }

    private static func open(_ path: String) throws -> Int32 {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AgentError.inputFile(path: path, reason: String(cString: strerror(errno))) }
        return fd
    }
}

/// What filtering one file did.
public struct FilterResult: Sendable, Equatable {
    /// Rows read (blank lines are not rows).
    public var read = 0
    /// Rows copied to the file that is uploaded.
    public var kept = 0
    /// Rows left out because their student is not in students.csv.
    public var dropped = 0
    /// The file's type, from its first row with a known keyword.
    public var format: RecordFormat?
    /// Whether rows were judged at all (false for definitions such as `Property` and `program`).
    public var filtered = false
    /// Line of the filtered file where a row starts → its line in the original export.
    public var lineMap: [Int: Int] = [:]

    public init() {}
}
