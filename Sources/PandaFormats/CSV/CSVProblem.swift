/// Why the reader could not split a record into trustworthy fields, or could not decode it.
public enum CSVProblem: Sendable, Equatable {
    /// A quote inside an unquoted field (`ab"c`).
    case quoteInUnquotedField
    /// Text between a closing quote and the next comma or line end (`"ab"c`).
    case textAfterClosingQuote
    /// A quoted field still open at the end of the file.
    case unterminatedQuote
    /// The record is longer than `CSVLimits.maximumRecordLength`.
    case recordTooLong
    /// The record has more fields than `CSVLimits.maximumFieldCount`.
    case tooManyFields
    /// The record's bytes are not valid UTF-8 (its fields were split correctly).
    case invalidUTF8

    /// Whether the fields of the row are in their places: only an encoding problem leaves them so.
    public var leavesFieldsInPlace: Bool { self == .invalidUTF8 }
}
