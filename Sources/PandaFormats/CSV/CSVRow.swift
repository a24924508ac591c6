/// One record as read: its position in the file, its raw bytes, and its fields as ranges of bytes.
///
/// Fields are not turned into `String`s until asked for. The reader reuses its buffers for the next
/// record once this value is dropped, so keep a row only as long as needed.
public struct CSVRow: Sendable {
    /// Physical line (1-based) on which the record starts.
    public let line: Int
    /// Physical lines the record spans (more than 1 when a quoted field holds line breaks).
    public let lineCount: Int
    /// Why the fields cannot be trusted or decoded, if they cannot.
    public let problem: CSVProblem?
    /// Whether every byte of `raw` is ASCII (fields then need no UTF-8 handling).
    public let isASCII: Bool
    /// The record's bytes as in the file, without its ending line break; cut at the record-length limit.
    public let raw: [UInt8]
    /// Field content ranges in `raw`, quotes excluded.
    let rawBounds: [Range<Int>]
    /// Field values: `raw` itself, or an unescaped copy when a field holds doubled quotes.
    let values: [UInt8]
    /// Field value ranges in `values`.
    let valueBounds: [Range<Int>]

    init(
        line: Int, lineCount: Int, problem: CSVProblem?, isASCII: Bool, raw: [UInt8], rawBounds: [Range<Int>],
        values: [UInt8], valueBounds: [Range<Int>]
    ) {
        self.line = line
        self.lineCount = lineCount
        self.problem = problem
        self.isASCII = isASCII
        self.raw = raw
        self.rawBounds = rawBounds
        self.values = values
        self.valueBounds = valueBounds
    }

    /// Number of fields read (for a broken record: the fields completed before the problem).
    public var fieldCount: Int { valueBounds.count }

    /// Calls `body` with the bytes of field `index` (quotes removed, doubled quotes undone).
    public func withField<Result, Failure: Error>(
        _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let bounds = valueBounds[index]
        return try values.withUnsafeBufferPointer { (buffer) throws(Failure) -> Result in
            try body(UnsafeBufferPointer(rebasing: buffer[bounds]))
        }
    }

    /// The value of field `index` as a `String` (invalid UTF-8 replaced by U+FFFD).
    public func string(at index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// All field values as `String`s.
    public var fields: [String] { (0..<fieldCount).map(string(at:)) }

    /// The raw record as text (invalid UTF-8 replaced by U+FFFD).
    public var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// Whether every field is empty or only spaces and tabs (spreadsheets export empty rows as `,,,,`).
    public var isBlank: Bool {
        guard problem == nil || problem == .invalidUTF8 else { return false }
        return values.withUnsafeBufferPointer { buffer in
            valueBounds.allSatisfy { bounds in
                buffer[bounds].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            }
        }
    }
}
