/// A student's UserID as the institution's SIS knows it (e.g. `K9999999`).
///
/// Panda does not impose a pattern (SIS systems differ) but refuses what cannot be a single CSV field
/// identifier: empty, longer than 64 characters, surrounding spaces, or control characters.
public enum StudentID {
    public static let maximumLength = 64

    public static func validate(_ text: String) throws(DomainError) -> String {
        guard !text.isEmpty else { throw .invalidStudentID(text, reason: "it is empty") }
        guard text.count <= maximumLength else {
            throw .invalidStudentID(text, reason: "longer than \(maximumLength) characters")
        }
        guard text.first?.isWhitespace == false, text.last?.isWhitespace == false else {
            throw .invalidStudentID(text, reason: "it has leading or trailing spaces")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw .invalidStudentID(text, reason: "it contains control characters")
        }
        return text
    }
}
