/// The rules for one field of a record format: one entry of the declarative table.
public struct FieldRule: Sendable, Equatable {
    /// What the value must look like.
    public enum Kind: Sendable, Equatable {
        /// Any text.
        case text
        /// An identifier: no spaces at either end, no control characters or line breaks.
        case identifier
        /// An e-mail address (the rules of `PandaCore.EmailAddress`).
        case email
        /// One of a fixed set of codes, compared exactly.
        case code([CodeValue])
    }

    /// A definition the value must refer to, checked through the caller's lookups.
    public enum Reference: Sendable, Equatable {
        /// A student in scope: the current roster (uploads) or known to the account (manual imports).
        case student
        /// A program defined by a `program` row.
        case program
        /// A property value defined by a `Property` row; the property is the value of `keyField`.
        case propertyValue(keyField: String)
    }

    public let name: String
    /// Whether a blank value is an error (`required_field`).
    public let required: Bool
    /// Maximum length in characters (Unicode code points).
    public let maximumLength: Int
    public let kind: Kind
    /// Never echoed: a non-empty value shows as `***` in reports and in the copy kept of the file.
    public let isSecret: Bool
    public let reference: Reference?

    public init(
        _ name: String, required: Bool, maximumLength: Int, kind: Kind = .text, isSecret: Bool = false,
        reference: Reference? = nil
    ) {
        self.name = name
        self.required = required
        self.maximumLength = maximumLength
        self.kind = kind
        self.isSecret = isSecret
        self.reference = reference
    }

    /// A required identifier of at most 64 characters (the length of a `StudentID`).
    public static func identifier(_ name: String, reference: Reference? = nil) -> FieldRule {
        FieldRule(name, required: true, maximumLength: 64, kind: .identifier, reference: reference)
    }

    /// Free text.
    public static func text(_ name: String, required: Bool, maximumLength: Int) -> FieldRule {
        FieldRule(name, required: required, maximumLength: maximumLength)
    }

    /// A required code from `values`. The length limit is loose on purpose: a wrong code of any
    /// plausible length gets `invalid_code`, whose message lists the allowed codes.
    public static func code(_ name: String, _ values: [CodeValue]) -> FieldRule {
        FieldRule(name, required: true, maximumLength: 64, kind: .code(values))
    }
}

/// One allowed value of a coded field, with what it means (shown in error messages).
public struct CodeValue: Sendable, Equatable {
    public let value: String
    public let meaning: String

    public init(_ value: String, _ meaning: String) {
        self.value = value
        self.meaning = meaning
    }
}
