import PandaCore

/// A `FieldRule` compiled for checking bytes: no `String` is built for a valid ASCII value.
struct FieldCheck {
    enum Problem: Equatable {
        case required
        case tooLong(length: Int)
        case invalidCode
        case invalidEmail
        case invalidID
    }

    private enum Kind {
        case text
        case identifier
        case email
        case code
    }

    private let required: Bool
    private let maximumLength: Int
    private let kind: Kind
    private let codes: [[UInt8]]

    init(_ rule: FieldRule) {
        required = rule.required
        maximumLength = rule.maximumLength
        switch rule.kind {
        case .text: (kind, codes) = (.text, [])
        case .identifier: (kind, codes) = (.identifier, [])
        case .email: (kind, codes) = (.email, [])
        case .code(let values): (kind, codes) = (.code, values.map { Array($0.value.utf8) })
        }
    }

    /// The first rule `value` (valid UTF-8) breaks, if any. A blank optional value breaks none.
    /// `rowIsASCII` saves looking for non-ASCII bytes in each field of a row that has none.
    func problem(_ value: UnsafeBufferPointer<UInt8>, rowIsASCII: Bool) -> Problem? {
        guard !value.isEmpty else { return required ? .required : nil }
        let ascii = rowIsASCII || !value.contains { $0 >= 0x80 }
        if value.count > maximumLength {
            let length = ascii ? value.count : UTF8Validation.scalarCount(value)
            if length > maximumLength { return .tooLong(length: length) }
        }
        switch kind {
        case .text:
            return nil
        case .code:
            for code in codes where code.count == value.count && code.elementsEqual(value) { return nil }
            return .invalidCode
        case .identifier:
            return Self.isIdentifier(value, ascii: ascii) ? nil : .invalidID
        case .email:
            let valid =
                ascii ? Self.isEmailAddress(value) : EmailAddress.isValid(String(decoding: value, as: UTF8.self))
            return valid ? nil : .invalidEmail
        }
    }

    /// No space at either end, no control character (which includes line breaks).
    private static func isIdentifier(_ value: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Bool {
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard !isSpace(value.first!), !isSpace(value.last!) else { return false }
        guard !value.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return false }
        guard !ascii else { return true }
        let text = String(decoding: value, as: UTF8.self)
        return text.first?.isWhitespace == false && text.last?.isWhitespace == false
    }

    /// `PandaCore.EmailAddress.isValid` for ASCII bytes, without building a `String`: one `@`, a local
    /// part of 1–64 characters, a dotted domain without empty labels at the ends or `..`, at most 254
    /// characters, no spaces, `<`, `>`, `,` or `"`.
    private static func isEmailAddress(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = value.count
        guard count <= 254 else { return false }
        let dot = UInt8(ascii: ".")
        var at = -1
        for index in 0..<count {
            switch value[index] {
            case UInt8(ascii: "@"):
                guard at < 0 else { return false }
                at = index
            case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","),
                UInt8(ascii: "\""):
                return false
            case dot:
                // No empty label in the domain: not first, not last, not after another dot.
                if at >= 0 && (index == at + 1 || index == count - 1 || value[index - 1] == dot) { return false }
            default:
                break
            }
        }
        guard at > 0, at <= 64 else { return false }
        for index in (at + 1)..<count where value[index] == dot { return true }
        return false
    }
}
