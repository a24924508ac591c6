/// Reads CSV records (spec §5 dialect) from a `ByteSource`, one at a time, in fixed-size chunks.
///
/// Memory is one chunk plus one record (at most `limits.maximumRecordLength`), whatever the file size.
/// Empty lines are skipped (they still count as physical lines); a UTF-8 byte-order mark at the start is
/// ignored; LF, CRLF and a lone CR all end a line. Not thread-safe: one reader per file.
public final class CSVReader {
    public let limits: CSVLimits
    private var source: any ByteSource
    private let chunk: UnsafeMutableRawBufferPointer
    private var count = 0
    private var position = 0
    private var scanner: CSVScanner
    private var atStart = true
    private var atEnd = false

    /// Bytes read from the source so far.
    public private(set) var bytesRead: Int64 = 0

    public init(source: any ByteSource, limits: CSVLimits = CSVLimits()) {
        self.source = source
        self.limits = limits
        chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: limits.chunkSize, alignment: 8)
        scanner = CSVScanner(limits: limits)
    }

    deinit { chunk.deallocate() }

    /// Physical lines read so far (all of them at the end of the input).
    public var linesRead: Int { scanner.line - 1 }

    /// The next record, or nil at the end of the input.
    ///
    /// Throws `FormatError` for problems of the whole file: NUL bytes or UTF-16 (`notCSV`), more than
    /// `limits.maximumFileSize` bytes, or a failing source. A broken record is not thrown: it is returned
    /// with its `problem`.
    public func next() throws(FormatError) -> CSVRow? {
        while true {
            if position < count {
                let bytes = chunk.baseAddress!.assumingMemoryBound(to: UInt8.self)
                if try scanner.scan(bytes, count: count, position: &position) { return scanner.makeRow() }
            } else if atEnd {
                return scanner.finish() ? scanner.makeRow() : nil
            } else {
                try refill()
            }
        }
    }

    private func refill() throws(FormatError) {
        position = 0
        count = 0
        repeat {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[count...]))
            guard read > 0 else {
                atEnd = true
                break
            }
            count += read
            bytesRead += Int64(read)
            guard bytesRead <= limits.maximumFileSize else { throw .fileTooLarge(limit: limits.maximumFileSize) }
            // At the start, read until the byte-order mark can be recognized.
        } while atStart && count < 3
        if atStart {
            atStart = false
            try skipByteOrderMark()
        }
    }

    private func skipByteOrderMark() throws(FormatError) {
        let start = Array(chunk[0..<min(count, 3)])
        if start == [0xEF, 0xBB, 0xBF] {
            position = 3
        } else if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            throw .notCSV(reason: "it is encoded as UTF-16, not UTF-8")
        }
    }
}
