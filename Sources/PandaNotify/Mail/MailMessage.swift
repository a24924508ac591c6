import Foundation
import PandaCore

/// A plain-text e-mail as RFC 5322 bytes: UTF-8, 8-bit, CRLF line ends.
///
/// Header values lose any line break (no header injection from a summary); a non-ASCII subject is
/// encoded as RFC 2047 words. 8-bit text rather than base64 keeps the message readable in any log.
struct MailMessage {
    var from: String
    var to: [String]
    var subject: String
    var date: Date
    var messageID: String
    var body: String
    /// Extra headers, e.g. `X-Panda-Event`.
    var extraHeaders: [(String, String)] = []

    func rendered() -> [UInt8] {
        var headers: [(String, String)] = [
            ("From", "Panda <\(from)>"),
            ("To", to.joined(separator: ", ")),
            ("Subject", Self.encodedHeaderValue(subject)),
            ("Date", Self.date(date)),
            ("Message-ID", "<\(messageID)>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
            // RFC 3834: out-of-office responders must not answer.
            ("Auto-Submitted", "auto-generated"),
        ]
        headers += extraHeaders.map { ($0.0, Self.singleLine($0.1)) }
        var text = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        text += "\r\n"
        text += Self.bodyLines(body).joined(separator: "\r\n") + "\r\n"
        return Array(text.utf8)
    }

    /// `Fri, 04 Dec 2026 18:00:00 +0000`.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// ASCII stays as it is; anything else becomes `=?UTF-8?B?…?=` words of at most 45 bytes each.
    static func encodedHeaderValue(_ text: String) -> String {
        let line = singleLine(text)
        if line.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return line }
        var words: [[UInt8]] = []
        var chunk: [UInt8] = []
        for character in line {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// The body split into lines, each at most 998 bytes as RFC 5322 requires (longer ones are cut).
    static func bodyLines(_ body: String) -> [String] {
        body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { line -> [String] in
                var rest = Substring(line)
                var out: [String] = []
                while rest.utf8.count > 998 {
                    var cut = rest.startIndex
                    var bytes = 0
                    for index in rest.indices {
                        let size = rest[index].utf8.count
                        if bytes + size > 998 { break }
                        bytes += size
                        cut = rest.index(after: index)
                    }
                    out.append(String(rest[..<cut]))
                    rest = rest[cut...]
                }
                out.append(String(rest))
                return out
            }
    }
}
