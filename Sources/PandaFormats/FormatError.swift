import PandaCore

/// A problem with a whole file (it is rejected whole) or with reading or writing its bytes.
///
/// Row problems are not errors of this kind: they are `RowError`s and the rest of the file continues.
public enum FormatError: UserFacingError, Equatable {
    /// The file has no rows: zero bytes, or only a byte-order mark and blank lines.
    case emptyFile
    /// The bytes are not a UTF-8 text file (NUL bytes, UTF-16); `reason` says what was seen.
    case notCSV(reason: String)
    /// A row's keyword names another record type than the file's first row (spec §6: one type per file).
    case mixedKeywords(line: Int, fileKeyword: String, rowKeyword: String)
    /// Not a single row starts with a keyword of the format table.
    case unknownFileType(firstKeyword: String)
    /// The file is larger than the limit (bytes).
    case fileTooLarge(limit: Int64)
    /// The byte source failed (`errno`).
    case readFailed(errno: Int32)
    /// The byte sink failed (`errno`).
    case writeFailed(errno: Int32)

    /// The stable code written to reports and the API (`docs/errors.md`).
    public var code: String {
        switch self {
        case .emptyFile: "empty_file"
        case .notCSV: "not_csv"
        case .mixedKeywords: "mixed_keywords"
        case .unknownFileType: "unknown_file_type"
        case .fileTooLarge: "file_too_large"
        case .readFailed: "read_failed"
        case .writeFailed: "write_failed"
        }
    }

    public var message: String {
        switch self {
        case .emptyFile:
            return "the file is empty; upload a file with one record per line"
        case .notCSV(let reason):
            return "the file is not a CSV text file: \(reason); export it as \"CSV UTF-8 (comma delimited)\""
        case .mixedKeywords(let line, let fileKeyword, let rowKeyword):
            return "line \(line) is a \"\(rowKeyword)\" record but the file's first record is \"\(fileKeyword)\";"
                + " a file holds one record type: put \"\(rowKeyword)\" rows in a file of their own"
        case .unknownFileType(let firstKeyword):
            let known = FormatTable.standard.formats.map(\.keyword).joined(separator: ", ")
            return "no row starts with a known keyword (the first row starts with \"\(firstKeyword)\");"
                + " the first field of every row must be one of: \(known)"
        case .fileTooLarge(let limit):
            return "the file is larger than the limit of \(ByteCount(limit)); split it into smaller files"
        case .readFailed(let code):
            return "reading the file failed (errno \(code)); it will be retried"
        case .writeFailed(let code):
            return "writing the file failed (errno \(code))"
        }
    }
}
