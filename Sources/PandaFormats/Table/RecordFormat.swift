/// One record type of the format table: its keyword, its fields in order, and the rules for the file.
public struct RecordFormat: Sendable, Equatable {
    /// Rows for which this is true are counted as `skipped`: valid, but not for this import.
    public struct SkipRule: Sendable, Equatable {
        public let field: String
        public let value: String
        /// Why such rows are skipped (shown in reports).
        public let reason: String

        public init(field: String, value: String, reason: String) {
            self.field = field
            self.value = value
            self.reason = reason
        }
    }

    /// The typed record the validator builds, or nil for a format that is data only so far: its rows are
    /// validated and handed over as `GenericRecord`s.
    public let type: RecordType?
    /// The first field of every row (matched ignoring ASCII case).
    public let keyword: String
    /// The name files of this type usually have (documentation only: files are recognized by keyword).
    public let usualFileName: String
    /// The fields after the keyword, in order.
    public let fields: [FieldRule]
    /// Fields that identify a record: a second row with the same values in one file is `duplicate_key`.
    public let keyFields: [String]
    public let skipRule: SkipRule?
    /// Place in a batch of uploads (lower first), or nil when institutions do not upload this type.
    public let processingOrder: Int?

    // Derived once, so rows are checked by position.
    let keywordBytes: [UInt8]
    let keyFieldPositions: [Int]
    let secretFieldPositions: [Int]
    let skipPosition: Int?
    let skipValue: [UInt8]

    /// Builds a format; stops the program if a key or skip field is not one of `fields` (a table error).
    public init(
        type: RecordType?, keyword: String, usualFileName: String, fields: [FieldRule], keyFields: [String],
        skipRule: SkipRule? = nil, processingOrder: Int?
    ) {
        self.type = type
        self.keyword = keyword
        self.usualFileName = usualFileName
        self.fields = fields
        self.keyFields = keyFields
        self.skipRule = skipRule
        self.processingOrder = processingOrder
        keywordBytes = Array(keyword.lowercased().utf8)
        func position(_ name: String) -> Int {
            guard let index = fields.firstIndex(where: { $0.name == name }) else {
                preconditionFailure("format \(keyword) has no field \(name)")
            }
            return index + 1
        }
        keyFieldPositions = keyFields.map(position)
        secretFieldPositions = fields.indices.filter { fields[$0].isSecret }.map { $0 + 1 }
        skipPosition = skipRule.map { position($0.field) }
        skipValue = Array((skipRule?.value ?? "").utf8)
    }

    /// Fields per row, the keyword included.
    public var rowFieldCount: Int { fields.count + 1 }

    /// Whether any field is secret (such rows are masked when echoed).
    public var hasSecrets: Bool { !secretFieldPositions.isEmpty }

    /// Row position (the keyword is 0) of the field called `name`.
    public func position(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }.map { $0 + 1 }
    }

    /// Whether `bytes` is this format's keyword, ignoring ASCII case.
    func matches(keyword bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.matches(keyword: bytes, lowercased: keywordBytes)
    }

    static func matches(keyword bytes: UnsafeBufferPointer<UInt8>, lowercased: [UInt8]) -> Bool {
        guard bytes.count == lowercased.count else { return false }
        for index in 0..<bytes.count {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != lowercased[index] { return false }
        }
        return true
    }
}

/// The record types Panda builds typed records for.
public enum RecordType: String, Sendable, CaseIterable {
    case student
    case user
    case property
    case propertyUser
    case program
    case programUser
}
