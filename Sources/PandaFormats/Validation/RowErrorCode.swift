/// Stable codes for row problems: the row is rejected, the rest of the file continues (docs/errors.md).
public enum RowErrorCode: String, Sendable, CaseIterable {
    case fieldCount = "field_count"
    case unknownKeyword = "unknown_keyword"
    case requiredField = "required_field"
    case fieldTooLong = "field_too_long"
    case invalidCode = "invalid_code"
    case invalidEmail = "invalid_email"
    case invalidID = "invalid_id"
    case notInRoster = "not_in_roster"
    case notInRecords = "not_in_records"
    case undefinedPropertyValue = "undefined_property_value"
    case undefinedProgram = "undefined_program"
    case duplicateKey = "duplicate_key"
    case invalidUTF8 = "invalid_utf8"
    case lineTooLong = "line_too_long"
    case malformedQuotes = "malformed_quotes"
}
