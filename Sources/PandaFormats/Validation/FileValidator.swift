/// Validates one uploaded file row by row (spec §6): each row becomes a typed record, a skip, or row
/// errors with stable codes; problems of the whole file are thrown as `FormatError`.
///
/// The first row with a known keyword sets the file's type; a later row with another known keyword
/// throws `mixedKeywords` (the file is rejected whole, so apply rows in a transaction and roll back on a
/// throw). Rows are checked in this order: reading (quotes, length, encoding), keyword, field count, the
/// skip rule (a skipped row is not checked further), every field's rules, then the student scope,
/// definitions and duplicate keys of the fields that passed; all problems found are reported. A key seen
/// once makes every later row with that key a `duplicate_key`, whether or not the first was accepted.
public final class FileValidator {
    public let table: FormatTable
    private let reader: CSVReader
    private let students: (any StudentScope)?
    private let definitions: (any DefinitionLookup)?
    private let echo: RecordEcho
    private var plan: FormatPlan?
    private let keys: (any DuplicateKeyDetector)?
    private var keyBytes: [UInt8] = []
    private var firstKeyword: String?
    private var ended: Result<Void, FormatError>?

    /// Row counts so far (final once `next()` returned nil).
    public private(set) var counts = ValidationCounts()

    /// - Parameters:
    ///   - students: the scope UserIDs must be in; nil checks no scope (local validation, rosters).
    ///   - definitions: defined properties and programs; nil checks no references.
    ///   - duplicateKeys: how `duplicate_key` rows are found: in memory (about 45 bytes a row), by the
    ///     caller's detector, or not at all (a caller that finds them itself reports `RowError.duplicateKey`).
    public init(
        reader: CSVReader, table: FormatTable = .standard, students: (any StudentScope)? = nil,
        definitions: (any DefinitionLookup)? = nil, duplicateKeys: DuplicateKeys = .inMemory
    ) {
        self.reader = reader
        switch duplicateKeys {
        case .inMemory: keys = DuplicateKeyIndex()
        case .unchecked: keys = nil
        case .detector(let detector): keys = detector
        }
        self.table = table
        self.students = students
        self.definitions = definitions
        echo = RecordEcho(table: table)
    }

    /// Validates the bytes of `source` within `limits`.
    public convenience init(
        source: any ByteSource, limits: CSVLimits = CSVLimits(), table: FormatTable = .standard,
        students: (any StudentScope)? = nil, definitions: (any DefinitionLookup)? = nil,
        duplicateKeys: DuplicateKeys = .inMemory
    ) {
        self.init(
            reader: CSVReader(source: source, limits: limits), table: table, students: students,
            definitions: definitions, duplicateKeys: duplicateKeys)
    }

    /// The file's record format, once a row with a known keyword was read.
    public var format: RecordFormat? { plan?.format }

    /// Bytes read so far.
    public var bytesRead: Int64 { reader.bytesRead }

    /// Physical lines read so far (all of them once `next()` returned nil).
    public var linesRead: Int { reader.linesRead }

    /// The next row, or nil after the last one. Throws `FormatError` when the whole file must be rejected:
    /// not CSV, too large, mixed keywords, and at the end: empty, or no known keyword at all. Once thrown,
    /// every later call throws the same error.
    public func next() throws(FormatError) -> ValidatedRow? {
        if let ended {
            if case .failure(let error) = ended { throw error }
            return nil
        }
        do throws(FormatError) {
            while let row = try reader.next() {
                if row.isBlank { continue }
                let validated = try validate(row)
                counts.read += 1
                switch validated.outcome {
                case .accepted: counts.accepted += 1
                case .skipped: counts.skipped += 1
                case .rejected: counts.rejected += 1
                }
                return validated
            }
            if counts.read == 0 { throw FormatError.emptyFile }
            if plan == nil { throw FormatError.unknownFileType(firstKeyword: firstKeyword ?? "") }
            ended = .success(())
            return nil
        } catch {
            ended = .failure(error)
            throw error
        }
    }

    // MARK: - One row

    private func validate(_ row: CSVRow) throws(FormatError) -> ValidatedRow {
        let own = row.fieldCount > 0 ? row.withField(0) { formatIndex(forKeyword: $0) } : nil
        if firstKeyword == nil && row.fieldCount > 0 { firstKeyword = String(row.string(at: 0).prefix(40)) }
        if let own {
            if let plan, plan.index != own {
                throw .mixedKeywords(
                    line: row.line, fileKeyword: plan.format.keyword, rowKeyword: table.formats[own].keyword)
            }
            if plan == nil { plan = FormatPlan(index: own, format: table.formats[own]) }
        }
        let masked = maskedBytes(of: row, recognized: own != nil)
        var report = Report(line: row.line, masked: masked)
        let outcome = check(row, recognized: own != nil, report: &report)
        return ValidatedRow(line: row.line, lineCount: row.lineCount, outcome: outcome, maskedRecord: masked)
    }

    /// The file's own keyword is tried first: in a valid file it is every row's.
    private func formatIndex(forKeyword bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let plan, RecordFormat.matches(keyword: bytes, lowercased: plan.keyword) { return plan.index }
        return table.formatIndex(forKeyword: bytes)
    }

    private func maskedBytes(of row: CSVRow, recognized: Bool) -> [UInt8] {
        guard let plan else { return echo.maskedBytes(of: row, format: nil, recognized: false) }
        guard plan.hasSecrets else { return row.raw }
        return RecordEcho.masked(
            row, secretPositions: plan.secretFieldPositions, rowFieldCount: plan.rowFieldCount,
            recognized: recognized)
    }

    private func check(_ row: CSVRow, recognized: Bool, report: inout Report) -> ValidatedRow.Outcome {
        if let problem = row.problem, problem != .invalidUTF8 {
            return .rejected([readingError(problem, row: row, report: &report)])
        }
        guard recognized, let plan else {
            let keyword = row.fieldCount > 0 ? row.string(at: 0) : ""
            let message = RowMessages.unknownKeyword(keyword, table: table, firstRow: counts.read == 0)
            return .rejected([report.error(.unknownKeyword, field: nil, message)])
        }
        if row.problem == .invalidUTF8 {
            let bad = (1..<row.fieldCount).first { !row.withField($0) { UTF8Validation.isValid($0) } }
            let field = bad.flatMap(plan.fieldName(at:))
            return .rejected([report.error(.invalidUTF8, field: field, RowMessages.invalidUTF8(field: field))])
        }
        guard row.fieldCount == plan.rowFieldCount else {
            let message = RowMessages.fieldCount(plan.format, found: row.fieldCount)
            return .rejected([report.error(.fieldCount, field: nil, message)])
        }
        if let position = plan.skipPosition, row.withField(position, { $0.elementsEqual(plan.skipValue) }) {
            return .skipped(reason: plan.format.skipRule?.reason ?? "")
        }
        return row.withFieldView { fields in checkFields(fields, line: row.line, plan: plan, report: &report) }
    }

    /// The rules of every field, then scope, definitions and duplicates for the fields that passed.
    private func checkFields(_ fields: FieldView, line: Int, plan: FormatPlan, report: inout Report)
        -> ValidatedRow.Outcome
    {
        var errors: [RowError] = []
        var failed: UInt64 = 0
        plan.checks.withUnsafeBufferPointer { checks in
            for index in checks.indices {
                guard let problem = checks[index].problem(fields[index + 1], rowIsASCII: fields.isASCII) else {
                    continue
                }
                failed |= 1 << UInt64(index + 1)
                let rule = plan.format.fields[index]
                let message = RowMessages.field(problem, rule: rule, value: fields.string(index + 1))
                errors.append(report.error(code(of: problem), field: rule.name, message))
            }
        }
        func passed(_ position: Int) -> Bool { failed & (1 << UInt64(position)) == 0 }
        if let students {
            for position in plan.students where passed(position) {
                let userID = fields.string(position)
                guard !students.contains(userID) else { continue }
                let code: RowErrorCode = students.kind == .currentRoster ? .notInRoster : .notInRecords
                let message = RowMessages.outOfScope(students.kind, userID: userID)
                errors.append(report.error(code, field: plan.fieldName(at: position), message))
            }
        }
        if let definitions {
            for position in plan.programs where passed(position) {
                let programID = fields.string(position)
                guard !definitions.isDefinedProgram(programID) else { continue }
                let message = RowMessages.undefinedProgram(programID)
                errors.append(report.error(.undefinedProgram, field: plan.fieldName(at: position), message))
            }
            for pair in plan.propertyValues where passed(pair.key) && passed(pair.value) {
                let key = fields.string(pair.key)
                let value = fields.string(pair.value)
                guard !definitions.isDefinedProperty(key: key, value: value) else { continue }
                let message = RowMessages.undefinedPropertyValue(key: key, value: value)
                errors.append(report.error(.undefinedPropertyValue, field: plan.fieldName(at: pair.value), message))
            }
        }
        if let keys, plan.keyFieldPositions.allSatisfy(passed),
            let first = firstLine(ofKeyAt: plan.keyFieldPositions, in: fields, line: line, keys: keys)
        {
            let values = plan.keyFieldPositions.map { fields.string($0) }
            let error = RowError.duplicateKey(
                line: line, firstLine: first, format: plan.format, keyValues: values, record: report.record)
            errors.append(error)
        }
        return errors.isEmpty ? .accepted(plan.builder.build(fields)) : .rejected(errors)
    }

    /// Hands the row's key to the detector: a one-field key as it is, others joined (`DuplicateKeys.join`).
    private func firstLine(
        ofKeyAt positions: [Int], in fields: FieldView, line: Int, keys: any DuplicateKeyDetector
    ) -> Int? {
        if positions.count == 1 { return keys.firstLine(ofKey: fields[positions[0]], line: line) }
        DuplicateKeys.join(fieldCount: positions.count, field: { fields[positions[$0]] }, into: &keyBytes)
        return keyBytes.withUnsafeBufferPointer { keys.firstLine(ofKey: $0, line: line) }
    }

    private func readingError(_ problem: CSVProblem, row: CSVRow, report: inout Report) -> RowError {
        switch problem {
        case .recordTooLong:
            return report.error(
                .lineTooLong, field: nil, RowMessages.lineTooLong(limit: reader.limits.maximumRecordLength))
        case .tooManyFields:
            let message = RowMessages.tooManyFields(limit: reader.limits.maximumFieldCount)
            return report.error(.fieldCount, field: nil, message)
        default:
            // The field being read when the quotes broke.
            let position = row.fieldCount
            let field = plan?.fieldName(at: position)
            return report.error(.malformedQuotes, field: field, RowMessages.malformedQuotes(problem))
        }
    }

    private func code(of problem: FieldCheck.Problem) -> RowErrorCode {
        switch problem {
        case .required: .requiredField
        case .tooLong: .fieldTooLong
        case .invalidCode: .invalidCode
        case .invalidEmail: .invalidEmail
        case .invalidID: .invalidID
        }
    }

    /// Builds the row's errors; the echo text is made once, when the first error needs it.
    private struct Report {
        let line: Int
        let masked: [UInt8]
        private var text: String?

        init(line: Int, masked: [UInt8]) {
            self.line = line
            self.masked = masked
        }

        mutating func error(_ code: RowErrorCode, field: String?, _ message: String) -> RowError {
            RowError(line: line, code: code, field: field, message: message, record: record)
        }

        var record: String {
            mutating get {
                if let text { return text }
                text = RecordEcho.reportText(masked)
                return text!
            }
        }
    }
}
