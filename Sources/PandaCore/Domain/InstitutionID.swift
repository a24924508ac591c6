/// An institution's identifier, e.g. `uni1`; it is also the production account's SSH username.
///
/// Lower-case letters, digits, `-` and `_`, starting with a letter or digit, at most 32 characters,
/// and not ending in `-test` (that suffix names the test account, so `x-test` would be ambiguous).
public struct InstitutionID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String) throws(DomainError) {
        guard !text.isEmpty, text.count <= 32 else {
            throw .invalidInstitutionID(text, reason: "use 1 to 32 characters")
        }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard allowed else {
            throw .invalidInstitutionID(text, reason: "use lower-case letters, digits, - and _ only")
        }
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first)
        else {
            throw .invalidInstitutionID(text, reason: "start with a letter or a digit")
        }
        guard !text.hasSuffix(Environment.testSuffix) else {
            throw .invalidInstitutionID(
                text, reason: "must not end in \(Environment.testSuffix), which names test accounts")
        }
        rawValue = text
    }

    public var description: String { rawValue }

    public static func < (lhs: InstitutionID, rhs: InstitutionID) -> Bool { lhs.rawValue < rhs.rawValue }
}
