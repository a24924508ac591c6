/// The dialect of spec §5 as a resumable state machine over chunks of bytes.
///
/// A record's bytes are copied into `raw` one span at a time (never byte by byte) and its fields are
/// kept as ranges of `raw`. Every decision depends only on byte positions, never on where a chunk ends,
/// so any chunking of the same bytes gives the same rows.
struct CSVScanner {
    enum State {
        /// Between records: an empty line here is skipped.
        case lineStart
        /// A CR ended the previous line; an LF right after it belongs to it.
        case afterCR
        /// At the first byte of a field.
        case fieldStart
        case unquoted
        case quoted
        /// A CR inside quotes; an LF right after it is the same line break.
        case quotedAfterCR
        /// A quote inside a quoted field: the closing quote, or the first of a doubled pair.
        case quoteInQuoted
        /// The record is broken: everything up to the next CR or LF belongs to it, quotes or not, so one
        /// stray quote costs at most one line (or one record-length) rather than the rest of the file.
        case skipToLineEnd
    }

    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    // Bytes that stop the fast loops, as bit masks over 0..<64 (all special bytes are below 64).
    static let unquotedStops: UInt64 = 1 << 0 | 1 << 10 | 1 << 13 | 1 << 34 | 1 << 44
    static let quotedStops: UInt64 = 1 << 0 | 1 << 10 | 1 << 13 | 1 << 34
    static let lineEndStops: UInt64 = 1 << 0 | 1 << 10 | 1 << 13

    let maximumRecordLength: Int
    let maximumFieldCount: Int

    /// Physical line (1-based) of the next byte to scan.
    private(set) var line = 1
    private var state = State.lineStart

    // The record being read.
    private var recordLine = 0
    private var recordLineCount = 0
    private var raw: [UInt8] = []
    private var rawBounds: [Range<Int>] = []
    private var fieldStart = 0
    private var quoteAt = 0
    private var hasDoubledQuotes = false
    private var problem: CSVProblem?
    /// Chunk index where the part of the record not yet copied into `raw` begins.
    private var spanStart = 0

    // Reused for records with doubled quotes.
    private var values: [UInt8] = []
    private var valueBounds: [Range<Int>] = []

    init(limits: CSVLimits) {
        maximumRecordLength = limits.maximumRecordLength
        maximumFieldCount = limits.maximumFieldCount
        raw.reserveCapacity(1024)
        rawBounds.reserveCapacity(16)
    }

    /// Scans `chunk` from `position`; returns true when a record is complete (read it with `makeRow()`),
    /// false when the chunk is used up.
    mutating func scan(_ chunk: UnsafePointer<UInt8>, count: Int, position: inout Int) throws(FormatError) -> Bool {
        var i = position
        defer { position = i }
        while i < count {
            switch state {
            case .lineStart:
                let byte = chunk[i]
                if byte == Self.lf || byte == Self.cr {
                    line += 1
                    i += 1
                    if byte == Self.cr { state = .afterCR }
                } else {
                    beginRecord(at: i)
                }
            case .afterCR:
                if chunk[i] == Self.lf { i += 1 }
                state = .lineStart
            case .fieldStart:
                guard rawBounds.count < maximumFieldCount else {
                    fail(.tooManyFields)
                    continue
                }
                let byte = chunk[i]
                let at = rawPosition(i)
                guard at < maximumRecordLength || byte == Self.cr || byte == Self.lf else {
                    fail(.recordTooLong)
                    continue
                }
                switch byte {
                case Self.quote:
                    fieldStart = at + 1
                    state = .quoted
                    i += 1
                    // Fast path: a quoted field without doubled quotes or line breaks, closed before the
                    // chunk or length limit, is taken whole here; anything else goes through the states.
                    let limit = recordLimit(count)
                    let close = Self.skip(chunk, from: i, to: limit, stoppingAt: Self.quotedStops)
                    guard close + 1 < limit, chunk[close] == Self.quote else { break }
                    let next = chunk[close + 1]
                    if next == Self.comma {
                        rawBounds.append(fieldStart..<rawPosition(close))
                        i = close + 2
                        state = .fieldStart
                    } else if next == Self.lf || next == Self.cr {
                        rawBounds.append(fieldStart..<rawPosition(close))
                        i = close + 1
                        endRecord(chunk, at: &i)
                        return true
                    }
                case Self.comma:
                    rawBounds.append(at..<at)
                    i += 1
                case Self.cr, Self.lf:
                    rawBounds.append(at..<at)
                    endRecord(chunk, at: &i)
                    return true
                case 0:
                    throw Self.binary
                default:
                    fieldStart = at
                    state = .unquoted
                    // Fast path: an unquoted field ended by a comma or line break before the limits.
                    let end = Self.skip(chunk, from: i, to: recordLimit(count), stoppingAt: Self.unquotedStops)
                    guard end < count, rawPosition(end) < maximumRecordLength else { break }
                    let next = chunk[end]
                    if next == Self.comma {
                        rawBounds.append(fieldStart..<rawPosition(end))
                        i = end + 1
                        state = .fieldStart
                    } else if next == Self.lf || next == Self.cr {
                        rawBounds.append(fieldStart..<rawPosition(end))
                        i = end
                        endRecord(chunk, at: &i)
                        return true
                    } else {
                        i = end
                    }
                }
            case .unquoted:
                i = Self.skip(chunk, from: i, to: recordLimit(count), stoppingAt: Self.unquotedStops)
                guard i < count else { break }
                let byte = chunk[i]
                guard rawPosition(i) < maximumRecordLength || byte == Self.cr || byte == Self.lf else {
                    fail(.recordTooLong)
                    continue
                }
                switch byte {
                case Self.comma:
                    rawBounds.append(fieldStart..<rawPosition(i))
                    i += 1
                    state = .fieldStart
                case Self.quote:
                    fail(.quoteInUnquotedField)
                case 0:
                    throw Self.binary
                default:
                    rawBounds.append(fieldStart..<rawPosition(i))
                    endRecord(chunk, at: &i)
                    return true
                }
            case .quoted:
                i = Self.skip(chunk, from: i, to: recordLimit(count), stoppingAt: Self.quotedStops)
                guard i < count else { break }
                guard rawPosition(i) < maximumRecordLength else {
                    fail(.recordTooLong)
                    continue
                }
                switch chunk[i] {
                case Self.quote:
                    quoteAt = rawPosition(i)
                    state = .quoteInQuoted
                case Self.cr:
                    line += 1
                    state = .quotedAfterCR
                case Self.lf:
                    line += 1
                default:
                    throw Self.binary
                }
                i += 1
            case .quotedAfterCR:
                if chunk[i] == Self.lf {
                    guard rawPosition(i) < maximumRecordLength else {
                        fail(.recordTooLong)
                        continue
                    }
                    i += 1
                }
                state = .quoted
            case .quoteInQuoted:
                let byte = chunk[i]
                guard rawPosition(i) < maximumRecordLength || byte == Self.cr || byte == Self.lf else {
                    fail(.recordTooLong)
                    continue
                }
                switch byte {
                case Self.quote:
                    hasDoubledQuotes = true
                    i += 1
                    state = .quoted
                case Self.comma:
                    rawBounds.append(fieldStart..<quoteAt)
                    i += 1
                    state = .fieldStart
                case Self.cr, Self.lf:
                    rawBounds.append(fieldStart..<quoteAt)
                    endRecord(chunk, at: &i)
                    return true
                case 0:
                    throw Self.binary
                default:
                    fail(.textAfterClosingQuote)
                }
            case .skipToLineEnd:
                i = Self.skip(chunk, from: i, to: count, stoppingAt: Self.lineEndStops)
                guard i < count else { break }
                guard chunk[i] != 0 else { throw Self.binary }
                endRecord(chunk, at: &i)
                return true
            }
        }
        if state != .lineStart && state != .afterCR {
            appendSpan(chunk, upTo: count)
            spanStart = 0
        }
        return false
    }

    /// Ends the input: returns true when a last record without a line break is complete.
    mutating func finish() -> Bool {
        switch state {
        case .lineStart, .afterCR:
            return false
        case .fieldStart:
            if rawBounds.count < maximumFieldCount {
                rawBounds.append(raw.count..<raw.count)
            } else {
                record(.tooManyFields)
            }
        case .unquoted:
            rawBounds.append(fieldStart..<raw.count)
        case .quoted, .quotedAfterCR:
            record(.unterminatedQuote)
        case .quoteInQuoted:
            rawBounds.append(fieldStart..<quoteAt)
        case .skipToLineEnd:
            break
        }
        recordLineCount = line - recordLine + 1
        state = .lineStart
        return true
    }

    /// The record just completed by `scan` or `finish`.
    mutating func makeRow() -> CSVRow {
        let isASCII = UTF8Validation.isASCII(raw)
        if problem == nil && !isASCII && !UTF8Validation.isValid(raw) { problem = .invalidUTF8 }
        guard hasDoubledQuotes else {
            return CSVRow(
                line: recordLine, lineCount: recordLineCount, problem: problem, isASCII: isASCII, raw: raw,
                rawBounds: rawBounds, values: raw, valueBounds: rawBounds)
        }
        values.removeAll(keepingCapacity: true)
        valueBounds.removeAll(keepingCapacity: true)
        for bounds in rawBounds {
            let start = values.count
            var index = bounds.lowerBound
            while index < bounds.upperBound {
                values.append(raw[index])
                // Inside a quoted field quotes only come in pairs: keep the first, drop the second.
                index += raw[index] == Self.quote ? 2 : 1
            }
            valueBounds.append(start..<values.count)
        }
        return CSVRow(
            line: recordLine, lineCount: recordLineCount, problem: problem, isASCII: isASCII, raw: raw,
            rawBounds: rawBounds, values: values, valueBounds: valueBounds)
    }

    // MARK: - Steps

    private static let binary = FormatError.notCSV(reason: "it contains NUL bytes, so it is a binary file")

    private mutating func beginRecord(at index: Int) {
        recordLine = line
        raw.removeAll(keepingCapacity: true)
        rawBounds.removeAll(keepingCapacity: true)
        hasDoubledQuotes = false
        problem = nil
        spanStart = index
        state = .fieldStart
    }

    /// Ends the record at the line break at `index` and steps over it.
    private mutating func endRecord(_ chunk: UnsafePointer<UInt8>, at index: inout Int) {
        appendSpan(chunk, upTo: index)
        recordLineCount = line - recordLine + 1
        line += 1
        state = chunk[index] == Self.cr ? .afterCR : .lineStart
        index += 1
    }

    private mutating func fail(_ problem: CSVProblem) {
        record(problem)
        state = .skipToLineEnd
    }

    private mutating func record(_ problem: CSVProblem) {
        if self.problem == nil { self.problem = problem }
    }

    /// Copies the chunk's bytes of the record up to `end` into `raw`, never beyond the length limit.
    private mutating func appendSpan(_ chunk: UnsafePointer<UInt8>, upTo end: Int) {
        let room = maximumRecordLength - raw.count
        let length = min(end - spanStart, room)
        if length > 0 { raw.append(contentsOf: UnsafeBufferPointer(start: chunk + spanStart, count: length)) }
        spanStart = end
    }

    /// Position in `raw` that chunk byte `index` will have.
    @inline(__always) private func rawPosition(_ index: Int) -> Int { raw.count + index - spanStart }

    /// Chunk index at which the record reaches its length limit (or the chunk's end, if sooner).
    @inline(__always) private func recordLimit(_ count: Int) -> Int {
        min(count, spanStart + maximumRecordLength - raw.count)
    }

    /// The index of the first byte in `index..<end` that is in `stops`, or `end`.
    ///
    /// Every stop byte is below `-` (0x2D), and most field bytes (letters, digits, `-`, `.`, `@`) are
    /// not, so whole words without such a byte are stepped over eight bytes at a time.
    @inline(__always)
    private static func skip(_ chunk: UnsafePointer<UInt8>, from index: Int, to end: Int, stoppingAt stops: UInt64)
        -> Int
    {
        var index = index
        let raw = UnsafeRawPointer(chunk)
        while index < end {
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Non-zero when some byte is below 0x2D (exact for "some", as bytes >= 0x80 never count).
                if (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < end else { break }
            let byte = chunk[index]
            if byte < 64 && (stops >> UInt64(byte)) & 1 != 0 { break }
            index += 1
        }
        return index
    }
}
