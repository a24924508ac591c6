/// Bounds that keep a hostile file from exhausting memory; a reader never holds more than one chunk and
/// one record of at most `maximumRecordLength` bytes.
public struct CSVLimits: Sendable, Equatable {
    /// Longest record in bytes (line breaks inside quotes included, the ending line break not); longer
    /// records become `line_too_long` rows and reading resumes at the next line break.
    public var maximumRecordLength: Int
    /// Most fields in one record; more make the row a `field_count` error.
    public var maximumFieldCount: Int
    /// Largest file in bytes; more throws `FormatError.fileTooLarge`.
    public var maximumFileSize: Int64
    /// Bytes asked of the source per read.
    public var chunkSize: Int

    public init(
        maximumRecordLength: Int = 64 * 1024, maximumFieldCount: Int = 64,
        maximumFileSize: Int64 = 2 << 30, chunkSize: Int = 256 * 1024
    ) {
        self.maximumRecordLength = max(1, maximumRecordLength)
        self.maximumFieldCount = max(1, maximumFieldCount)
        self.maximumFileSize = maximumFileSize
        self.chunkSize = max(16, chunkSize)
    }
}
