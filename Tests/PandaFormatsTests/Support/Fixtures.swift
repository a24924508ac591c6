import PandaFormats

/// Reads every row of `bytes`, handing the reader at most `chunk` bytes per read.
func readRows(_ bytes: [UInt8], chunk: Int = .max, limits: CSVLimits = CSVLimits()) throws -> [CSVRow] {
    let reader = CSVReader(source: MemoryByteSource(bytes, maximumReadSize: chunk), limits: limits)
    var rows: [CSVRow] = []
    while let row = try reader.next() { rows.append(row) }
    return rows
}

func readRows(_ text: String, chunk: Int = .max, limits: CSVLimits = CSVLimits()) throws -> [CSVRow] {
    try readRows(Array(text.utf8), chunk: chunk, limits: limits)
}

/// A row reduced to what the dialect decides, for comparing readings.
struct RowSummary: Equatable, CustomStringConvertible {
    let line: Int
    let lineCount: Int
    let problem: CSVProblem?
    let fields: [[UInt8]]
    let raw: [UInt8]

    init(_ row: CSVRow) {
        line = row.line
        lineCount = row.lineCount
        problem = row.problem
        fields = (0..<row.fieldCount).map { index in row.withField(index) { Array($0) } }
        raw = row.raw
    }

    var description: String { "\(line)+\(lineCount) \(String(describing: problem)) \(fields.count) fields" }
}

/// Everything a validator made of `text`.
struct Validation {
    var rows: [ValidatedRow] = []
    var counts = ValidationCounts()
    var format: RecordFormat?
    var linesRead = 0

    var errors: [RowError] { rows.flatMap(\.errors) }
    var records: [Record] { rows.compactMap(\.record) }
}

func validate(
    _ text: String, chunk: Int = .max, limits: CSVLimits = CSVLimits(), students: (any StudentScope)? = nil,
    definitions: (any DefinitionLookup)? = nil
) throws(FormatError) -> Validation {
    try validate(Array(text.utf8), chunk: chunk, limits: limits, students: students, definitions: definitions)
}

func validate(
    _ bytes: [UInt8], chunk: Int = .max, limits: CSVLimits = CSVLimits(), students: (any StudentScope)? = nil,
    definitions: (any DefinitionLookup)? = nil
) throws(FormatError) -> Validation {
    let validator = FileValidator(
        source: MemoryByteSource(bytes, maximumReadSize: chunk), limits: limits, students: students,
        definitions: definitions)
    var result = Validation()
    while let row = try validator.next() { result.rows.append(row) }
    result.counts = validator.counts
    result.format = validator.format
    result.linesRead = validator.linesRead
    return result
}

/// The file-level error validating `text` throws, if any.
func fileError(_ bytes: [UInt8], limits: CSVLimits = CSVLimits()) -> FormatError? {
    do {
        _ = try validate(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// A small deterministic generator (SplitMix64), so fuzz tests fail the same way every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
