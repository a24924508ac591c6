import Foundation

/// A person the institution names for the exchange (SIS administrator, IT contact).
public struct Contact: Hashable, Sendable, Codable {
    public var name: String?
    public var email: String

    public init(name: String? = nil, email: String) {
        self.name = name
        self.email = email
    }

    /// Parses `ada@uni.edu` or `Ada Lovelace <ada@uni.edu>`.
    public static func parse(_ text: String) throws(DomainError) -> Contact {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            return Contact(name: name.isEmpty ? nil : name, email: try EmailAddress.validate(email))
        }
        return Contact(email: try EmailAddress.validate(trimmed))
    }

    public var displayText: String {
        if let name { return "\(name) <\(email)>" }
        return email
    }
}

/// A deliberately simple e-mail address check: one `@`, a non-empty local part, a dotted domain, no
/// spaces. Full RFC 5322 parsing rejects nothing a real SIS export contains and accepts much nonsense.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            return false
        }
        return !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == "\"" })
    }

    public static func validate(_ text: String) throws(DomainError) -> String {
        guard isValid(text) else { throw .invalidEmail(text) }
        return text
    }
}
