import Foundation
import PandaFormats

/// Stands between a file and the validator so that re-sent data costs little: a row whose fields are
/// exactly what is stored for its key (same fingerprint), of a student in scope, is counted as unchanged
/// and handed to the validator as empty lines (line numbers stay those of the file); every other row is
/// handed over byte for byte and validated as usual.
///
/// Such a row passed every rule when it was stored (fingerprints cover every stored field; definitions
/// are never removed), so skipping its checks changes no outcome. Duplicate keys stay exact: the row's key
/// goes to the `FileKeyRegistry` with the validator's, in line order (the validator would have remembered
/// it: a row of the file's type, fields in place, not skipped, key fields valid), and a row found there to
/// repeat an earlier key is rejected after all.
final class UnchangedRowFilter {
    private let reader: CSVReader
    private let format: RecordFormat
    private let table: FormatTable
    private let fingerprints: any StoredFingerprints
    private let students: (any StudentLookup)?
    private let registry: FileKeyRegistry
    private let keyword: [UInt8]
    private let keyPositions: [Int]
    private let keyLimits: [Int]
    private let studentPositions: [Int]
    private let secretPositions: [Int]
    private let skip: (position: Int, value: [UInt8])?

    /// Rows taken as unchanged (some may yet turn out duplicates: `FileKeyRegistry.rejectedCount`).
    private(set) var unchanged = 0
    /// Whether an unchanged row had a secret (the kept copy must be masked).
    private(set) var needsMasking = false
    /// Rows, and bytes of rows held, read ahead of the validator at most: what the registry holds until the
    /// validator catches up.
    static let rowsAhead = 4096
    static let heldBytesAhead = 1 << 20

    /// nil until the file's first row with a known keyword; the filter only works if it is `format`.
    private var fileMatches: Bool?
    private let fields = RawRowSplitter()
    private var output: [UInt8] = []
    private var outputStart = 0
    private var nextLine = 1
    private var ended = false
    private var key: [UInt8] = []

    init(
        reader: CSVReader, format: RecordFormat, fingerprints: any StoredFingerprints, students: (any StudentLookup)?,
        registry: FileKeyRegistry, table: FormatTable = .standard
    ) {
        self.reader = reader
        self.format = format
        self.table = table
        self.fingerprints = fingerprints
        self.students = students
        self.registry = registry
        registry.heldFormat = format
        keyword = Array(format.keyword.lowercased().utf8)
        keyPositions = format.keyFields.compactMap(format.position(of:))
        keyLimits = keyPositions.map { format.fields[$0 - 1].maximumLength }
        studentPositions = format.fields.indices.filter { format.fields[$0].reference == .student }.map { $0 + 1 }
        secretPositions = format.fields.indices.filter { format.fields[$0].isSecret }.map { $0 + 1 }
        skip = format.skipRule.flatMap { rule in format.position(of: rule.field).map { ($0, Array(rule.value.utf8)) } }
        output.reserveCapacity(256 * 1024)
    }

    /// The validator's input: the file with unchanged rows blanked.
    var source: some ByteSource { FilteredSource(filter: self) }

    private struct FilteredSource: ByteSource {
        let filter: UnchangedRowFilter
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int {
            try filter.read(into: buffer)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FormatError) -> Int {
        while outputStart == output.count {
            // The validator asks for more only once it has seen every row handed over so far.
            registry.release()
            if ended { return 0 }
            output.removeAll(keepingCapacity: true)
            outputStart = 0
            // Several rows per call, so the validator reads in large pieces.
            var rows = 0
            while output.count < 128 * 1024 && rows < Self.rowsAhead && registry.heldBytes < Self.heldBytesAhead {
                guard let row = try reader.next() else {
                    ended = true
                    break
                }
                hand(row)
                rows += 1
            }
        }
        let count = min(buffer.count, output.count - outputStart)
        output.withUnsafeBytes { bytes in
            buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + outputStart, byteCount: count)
        }
        outputStart += count
        return count
    }

    private func hand(_ row: CSVRow) {
        appendLineBreaks(row.line - nextLine)
        nextLine = row.line + row.lineCount
        if isUnchanged(row) {
            unchanged += 1
            appendLineBreaks(row.lineCount)
            return
        }
        output.append(contentsOf: row.raw)
        // A row cut at the length limit must still be too long for the validator.
        if row.problem == .recordTooLong { output.append(UInt8(ascii: "x")) }
        // A quote open at the end of the file stays open: no line break of ours inside it.
        if row.problem != .unterminatedQuote { output.append(UInt8(ascii: "\n")) }
    }

    private func appendLineBreaks(_ count: Int) {
        if count > 0 { output.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: count)) }
    }

    private func isUnchanged(_ row: CSVRow) -> Bool {
        guard row.problem == nil || row.problem == .invalidUTF8, row.fieldCount > 0, !row.isBlank else { return false }
        guard row.problem == nil, fields.split(row.raw), fields.count == row.fieldCount else {
            // Not this filter's business (the validator reports it), but a known keyword still sets the type.
            if fileMatches == nil, table.format(forKeyword: row.string(at: 0)) != nil {
                fileMatches = row.withField(0) { matchesKeyword($0) }
            }
            return false
        }
        let ownKeyword = matchesKeyword(fields.field(0))
        // The file's first row with a known keyword sets its type for the validator: it is always handed
        // over (its key still counts for duplicates).
        var establishing = false
        if fileMatches == nil {
            if ownKeyword {
                fileMatches = true
                establishing = true
            } else {
                if table.format(forKeyword: row.string(at: 0)) != nil { fileMatches = false }
                return false
            }
        }
        guard fileMatches == true, ownKeyword, row.fieldCount == format.rowFieldCount else { return false }
        if let skip, fields.field(skip.position).elementsEqual(skip.value) { return false }
        for (position, limit) in zip(keyPositions, keyLimits) {
            guard Self.isPlainID(fields.field(position), limit: limit) else { return false }
        }
        guard !establishing,
            let stored = fingerprints.lookUp(
                fields.field(keyPositions[0]), keyPositions.count > 1 ? fields.field(keyPositions[1]) : nil)
        else { return false }
        if let students {
            for position in studentPositions where !students.contains(bytes: fields.field(position)) { return false }
        }
        guard RecordFingerprint.of(fields: fields, format: format) == stored.fingerprint else { return false }
        row.raw.withUnsafeBufferPointer { raw in
            if keyPositions.count == 1 {
                registry.hold(key: fields.field(keyPositions[0]), entry: stored.entry, line: row.line, raw: raw)
            } else {
                DuplicateKeys.join(
                    fieldCount: keyPositions.count, field: { fields.field(keyPositions[$0]) }, into: &key)
                key.withUnsafeBufferPointer { registry.hold(key: $0, entry: stored.entry, line: row.line, raw: raw) }
            }
        }
        if !needsMasking {
            needsMasking = secretPositions.contains { !fields.field($0).isEmpty }
        }
        return true
    }

    private func matchesKeyword(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == keyword.count else { return false }
        for index in 0..<bytes.count {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != keyword[index] { return false }
        }
        return true
    }

    /// An ASCII identifier the validator accepts: not empty, within its length, no space at either end,
    /// no control character. (Other keys are left to the validator.)
    static func isPlainID(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        guard let first = bytes.first, let last = bytes.last, bytes.count <= limit else { return false }
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard !isSpace(first), !isSpace(last) else { return false }
        return !bytes.contains { $0 < 0x20 || $0 >= 0x7F }
    }
}
