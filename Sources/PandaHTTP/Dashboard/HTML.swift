import Foundation
import PandaCore

/// Escaping for HTML text and attribute values: every value from the store or a request goes through it.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A path segment or query value, percent-encoded for a link.
    static func urlComponent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A UTC time as the dashboard shows it, `2026-12-04 14:03 UTC`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "–" }
        let text = Timestamp.iso8601(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// A coloured badge with the state's text (colour is never the only signal).
    static func badge(_ state: String) -> String {
        "<span class=\"badge s-\(escape(state))\">\(escape(state.replacingOccurrences(of: "_", with: " ")))</span>"
    }
}
