/// One problem with one row, as reported to the institution.
public struct RowError: Sendable, Equatable {
    /// Physical line on which the row starts.
    public let line: Int
    public let code: RowErrorCode
    /// The field at fault, by its name in the format table, when one is.
    public let field: String?
    /// What is wrong and how to fix it; never contains a secret value.
    public let message: String
    /// The row as uploaded with secrets shown as `***` (cut at 4 KiB).
    public let record: String

    public init(line: Int, code: RowErrorCode, field: String?, message: String, record: String) {
        self.line = line
        self.code = code
        self.field = field
        self.message = message
        self.record = record
    }

    /// The `duplicate_key` error for a row of `format` at `line` whose key (`keyValues`, in the order of
    /// `format.keyFields`) was first seen at `firstLine`; for callers that find duplicates themselves.
    public static func duplicateKey(
        line: Int, firstLine: Int, format: RecordFormat, keyValues: [String], record: String
    ) -> RowError {
        let message = RowMessages.duplicateKey(format.keyFields, values: keyValues, firstLine: firstLine)
        return RowError(
            line: line, code: .duplicateKey, field: format.keyFields.joined(separator: "+"), message: message,
            record: record)
    }

    /// Column names of an errors CSV, matching `csvFields`.
    public static let csvColumns = ["line", "code", "field", "message", "record"]

    /// The error as one row of an errors CSV (write it with `CSVWriter`).
    public var csvFields: [String] { [String(line), code.rawValue, field ?? "", message, record] }
}
