/// Every record format Panda reads or writes, looked up by keyword.
///
/// `FormatTable.standard` is the table of spec §5; tests and future file types can build others.
public struct FormatTable: Sendable, Equatable {
    public let formats: [RecordFormat]
    /// Lower-case keywords, by format index (matched without touching the formats themselves).
    private let keywords: [[UInt8]]

    /// Builds a table; stops the program if two formats share a keyword (a table error).
    public init(_ formats: [RecordFormat]) {
        let keywords = formats.map(\.keywordBytes)
        precondition(Set(keywords).count == keywords.count, "two formats share a keyword")
        self.formats = formats
        self.keywords = keywords
    }

    /// The format whose keyword is `keyword`, ignoring ASCII case.
    public func format(forKeyword keyword: String) -> RecordFormat? {
        var text = keyword
        return text.withUTF8 { bytes in formatIndex(forKeyword: bytes).map { formats[$0] } }
    }

    /// The format that builds records of `type`.
    public func format(_ type: RecordType) -> RecordFormat? {
        formats.first { $0.type == type }
    }

    /// Formats institutions upload, in the order a batch is processed (spec §5).
    public var processingOrder: [RecordFormat] {
        formats.filter { $0.processingOrder != nil }.sorted { $0.processingOrder! < $1.processingOrder! }
    }

    func formatIndex(forKeyword bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        keywords.firstIndex { RecordFormat.matches(keyword: bytes, lowercased: $0) }
    }
}
