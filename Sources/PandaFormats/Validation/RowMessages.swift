/// The text of every row error: what is wrong and what to change. Secret values never appear.
enum RowMessages {
    static func fieldCount(_ format: RecordFormat, found: Int) -> String {
        let layout = ([format.keyword] + format.fields.map(\.name)).joined(separator: ",")
        return "a \(format.keyword) row has \(format.rowFieldCount) fields (\(layout)); this row has \(found):"
            + " check for a missing or extra comma, and quote values that contain commas"
    }

    static func tooManyFields(limit: Int) -> String {
        "the row has more than \(limit) fields; check that values containing commas are quoted"
    }

    static func unknownKeyword(_ keyword: String, table: FormatTable, firstRow: Bool) -> String {
        let known = table.formats.map(\.keyword).joined(separator: ", ")
        let hint = firstRow ? " (files have no header row: if this line is a header, remove it)" : ""
        return "\(shown(keyword)) is not a record keyword; the first field of a row must be one of: \(known)\(hint)"
    }

    static func malformedQuotes(_ problem: CSVProblem) -> String {
        switch problem {
        case .quoteInUnquotedField:
            "a field contains a quote but does not start with one; enclose the field in quotes and double the"
                + " quotes inside it (\"\")"
        case .textAfterClosingQuote:
            "text follows the closing quote of a field; double every quote inside a quoted field (\"\")"
        default:
            "a quoted field is not closed before the end of the file; add the closing quote"
        }
    }

    static func lineTooLong(limit: Int) -> String {
        "the row is longer than \(limit) bytes; check for a quote that is opened but never closed"
    }

    static func invalidUTF8(field: String?) -> String {
        "\(field ?? "the row") contains bytes that are not UTF-8; save the file as UTF-8 (\"CSV UTF-8\" in Excel)"
    }

    static func field(_ problem: FieldCheck.Problem, rule: FieldRule, value: String) -> String {
        switch problem {
        case .required:
            return "\(rule.name) is required but empty"
        case .tooLong(let length):
            return "\(rule.name) is \(length) characters long; the maximum is \(rule.maximumLength)"
        case .invalidCode:
            guard case .code(let values) = rule.kind else { return "\(rule.name) is not an allowed value" }
            let allowed = values.map { "\($0.value) (\($0.meaning))" }
            let list = allowed.dropLast().joined(separator: ", ") + " or " + (allowed.last ?? "")
            return "\(rule.name) must be \(list); got \(shown(value, rule))"
        case .invalidEmail:
            return "\(rule.name) \(shown(value, rule)) is not an e-mail address; use name@example.edu or leave it empty"
        case .invalidID:
            return "\(rule.name) \(shown(value, rule)) must not start or end with spaces or contain control"
                + " characters or line breaks"
        }
    }

    static func outOfScope(_ kind: StudentScopeKind, userID: String) -> String {
        switch kind {
        case .currentRoster:
            "UserID \(shown(userID)) is not in the current students.csv; an upload may change only the students"
                + " listed there"
        case .knownToAccount:
            "UserID \(shown(userID)) is not known to this account (never on its roster and not in its records)"
        }
    }

    static func undefinedPropertyValue(key: String, value: String) -> String {
        "property value \(shown(key))/\(shown(value)) is not defined; define it with a Property row"
            + " (Property,\(key),<label>,\(value),<label>) uploaded in the same batch or earlier"
    }

    static func undefinedProgram(_ programID: String) -> String {
        "program \(shown(programID)) is not defined; define it with a program row uploaded in the same batch or"
            + " earlier"
    }

    static func duplicateKey(_ fields: [String], values: [String], firstLine: Int) -> String {
        let key = zip(fields, values).map { "\($0) \(shown($1))" }.joined(separator: ", ")
        return "\(key) already appears on line \(firstLine); a file may hold only one row for it (the first is"
            + " applied)"
    }

    /// A value quoted for a message, cut at 60 characters; a secret value is never shown.
    static func shown(_ value: String, _ rule: FieldRule? = nil) -> String {
        if rule?.isSecret == true { return "(hidden)" }
        let cut = value.unicodeScalars.count > 60 ? String(value.unicodeScalars.prefix(60)) + "…" : value
        return "\"" + cut + "\""
    }
}
