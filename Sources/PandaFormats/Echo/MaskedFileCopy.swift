/// Writes the copy of a file kept after processing: every row with its secrets masked (`RecordEcho`),
/// empty lines kept, so a line number in a report points at the same line in the copy. Line ends
/// become LF; rows of only empty fields (`,,,`) become empty lines.
public struct MaskedFileCopy<Sink: ByteSink> {
    private var writer: CSVWriter<Sink>
    private var nextLine = 1

    public init(sink: Sink) {
        writer = CSVWriter(sink: sink)
    }

    /// Appends a row the validator returned (rows must come in file order).
    public mutating func append(_ row: ValidatedRow) throws(FormatError) {
        try append(masked: row.maskedRecord, line: row.line, lineCount: row.lineCount)
    }

    /// Pads the copy to `lineCount` lines (the reader's `linesRead`), flushes, and returns the sink.
    public mutating func finish(lineCount: Int) throws(FormatError) -> Sink {
        try pad(to: lineCount + 1)
        try writer.flush()
        return writer.sink
    }

    /// Copies a whole file, validating nothing: each row is masked by its own keyword, or by the file's
    /// first recognized keyword when its own is not recognized. Throws only what the reader throws.
    public static func copy(
        from source: any ByteSource, to sink: Sink, table: FormatTable = .standard, limits: CSVLimits = CSVLimits()
    ) throws(FormatError) -> Sink {
        let reader = CSVReader(source: source, limits: limits)
        let echo = RecordEcho(table: table)
        var copy = MaskedFileCopy(sink: sink)
        var fileFormat: RecordFormat?
        while let row = try reader.next() {
            if row.isBlank { continue }  // as the validator does: kept as empty lines by the padding
            let own = row.fieldCount > 0 ? row.withField(0) { table.formatIndex(forKeyword: $0) } : nil
            let format = own.map { table.formats[$0] }
            if fileFormat == nil { fileFormat = format }
            let masked = echo.maskedBytes(of: row, format: format ?? fileFormat, recognized: format != nil)
            try copy.append(masked: masked, line: row.line, lineCount: row.lineCount)
        }
        return try copy.finish(lineCount: reader.linesRead)
    }

    private mutating func append(masked: [UInt8], line: Int, lineCount: Int) throws(FormatError) {
        try pad(to: line)
        try writer.writeLine(raw: masked)
        nextLine += 1 + (lineCount > 1 ? Self.lineBreaks(in: masked) : 0)
        try pad(to: line + lineCount)
    }

    private mutating func pad(to line: Int) throws(FormatError) {
        while nextLine < line {
            try writer.writeEmptyLine()
            nextLine += 1
        }
    }

    /// Line breaks inside a record (CRLF counts once), as the reader counts them.
    private static func lineBreaks(in bytes: [UInt8]) -> Int {
        var count = 0
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "\n") {
                if index == 0 || bytes[index - 1] != UInt8(ascii: "\r") { count += 1 }
            } else if bytes[index] == UInt8(ascii: "\r") {
                count += 1
            }
        }
        return count
    }
}
