import PandaCore

/// An event's details as `key: value` lines, the form e-mail shows them in.
enum DetailText {
    static func lines(_ details: [(String, JSONValue)]) -> String {
        details.map { key, value in "\(key): \(text(value))" }.joined(separator: "\n")
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "-"
        case .string(let s): s
        default: value.rendered(pretty: false)
        }
    }
}
