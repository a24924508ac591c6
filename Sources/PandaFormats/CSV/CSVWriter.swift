/// Writes records in the dialect `CSVReader` reads: comma-delimited, LF line ends, no header.
///
/// With `.whenNeeded` a field is quoted only if it holds a comma, quote, CR or LF, or if it is the only
/// field and empty (an empty line would be skipped on reading); `.always` and `.exceptKeyword` quote
/// more. Quotes inside a quoted field are doubled. Output is buffered: call `flush()`.
public struct CSVWriter<Sink: ByteSink> {
    public private(set) var sink: Sink
    public let quoting: CSVQuoting
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024

    public init(sink: Sink, quoting: CSVQuoting = .whenNeeded) {
        self.sink = sink
        self.quoting = quoting
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// Appends one record.
    public mutating func writeRow<Field: StringProtocol>(_ fields: some Sequence<Field>) throws(FormatError) {
        let start = buffer.count
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            var text = String(field)
            text.withUTF8 { appendField($0, isKeyword: index == 0) }
        }
        try endRecord(startingAt: start)
    }

    /// Appends one record whose fields are given as bytes.
    public mutating func writeRow(fieldBytes fields: [UnsafeBufferPointer<UInt8>]) throws(FormatError) {
        let start = buffer.count
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendField(field, isKeyword: index == 0)
        }
        try endRecord(startingAt: start)
    }

    /// Appends `bytes` as they are, then a line break (for copying records that are already CSV).
    public mutating func writeLine(raw bytes: some Collection<UInt8>) throws(FormatError) {
        buffer.append(contentsOf: bytes)
        try endLine()
    }

    /// Appends an empty line (keeps line numbers of a copy equal to the original's).
    public mutating func writeEmptyLine() throws(FormatError) {
        try endLine()
    }

    /// Hands everything buffered to the sink.
    public mutating func flush() throws(FormatError) {
        guard !buffer.isEmpty else { return }
        do {
            // A second reference for the duration of the write, dropped before the buffer is reused.
            let pending = buffer
            var failure: FormatError?
            pending.withUnsafeBytes { bytes in
                do throws(FormatError) { try sink.write(bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: - Encoding

    private mutating func appendField(_ bytes: UnsafeBufferPointer<UInt8>, isKeyword: Bool) {
        let needsQuotes =
            quoting == .always || (quoting == .exceptKeyword && !isKeyword)
            || bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
            buffer.append(UInt8(ascii: "\""))
            start = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        buffer.append(UInt8(ascii: "\""))
    }

    /// Ends a record that began at buffer index `start`. A record with no bytes (no fields, or one
    /// empty field) is written as `""`: an empty line would be skipped on reading.
    private mutating func endRecord(startingAt start: Int) throws(FormatError) {
        if buffer.count == start { buffer.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")]) }
        try endLine()
    }

    private mutating func endLine() throws(FormatError) {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= flushThreshold { try flush() }
    }
}

/// When `CSVWriter` encloses fields in quotes.
public enum CSVQuoting: Sendable {
    /// Only fields that need it: a comma, quote, CR or LF inside, or a record that is one empty field.
    case whenNeeded
    /// Every field.
    case always
    /// Every field but the first, the keyword (as `students.csv` is written: `student,"K1"`).
    case exceptKeyword
}

/// One record rendered as CSV text.
public enum CSVLine {
    /// `fields` as one line of CSV without its line break (for reports and messages).
    public static func render(_ fields: [String], quoting: CSVQuoting = .whenNeeded) -> String {
        var writer = CSVWriter(sink: MemoryByteSink(), quoting: quoting)
        try? writer.writeRow(fields)
        try? writer.flush()
        return String(writer.sink.text.dropLast())
    }
}
