/// A JSON body's field name, for bodies decoded field by field (optional fields checked against a list of
/// known ones, so a misspelt field is refused instead of silently ignored).
struct BodyKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }

    /// Refuses (400 `invalid_field`) the first field of `container` that is not in `known`; `what` names a
    /// field in the message.
    static func refuseUnknown(
        _ container: KeyedDecodingContainer<BodyKey>, known: [String], what: String = "field"
    ) throws {
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw APIError.badRequest(
                "unknown \(what) \"\(unknown)\"; known: \(known.joined(separator: ", "))", code: "invalid_field")
        }
    }
}
