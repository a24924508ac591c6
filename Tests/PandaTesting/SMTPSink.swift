import Foundation

/// One message an `SMTPSink` accepted.
public struct ReceivedMail: Sendable {
    /// The envelope sender and recipients as sent (`<a@b>`).
    public let from: String
    public let to: [String]
    /// The user name of `AUTH PLAIN`, when the client authenticated.
    public let user: String?
    /// The message as received (headers, blank line, body; CRLF line ends).
    public let data: String

    /// The value of the first header called `name` (case-insensitive), unfolded.
    public func header(_ name: String) -> String? {
        let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
        var value: String?
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                if value != nil { value! += line.trimmingCharacters(in: .whitespaces) }
                continue
            }
            if value != nil { return value }
            if let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == name.lowercased() {
                value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }

    /// The text after the header block.
    public var body: String {
        guard let range = data.range(of: "\r\n\r\n") else { return "" }
        return String(data[range.upperBound...])
    }
}

/// A mail server on 127.0.0.1 that accepts every message (and any `AUTH PLAIN` login) and records it.
public final class SMTPSink: @unchecked Sendable {
    private let server: LoopbackReceiver

    /// Listens on `port` (0 picks a free one).
    public init(port: Int = 0) throws {
        server = try LoopbackReceiver(script: LoopbackReceiverScripts.smtp, name: "smtp", port: port, arguments: [])
    }

    public var port: Int { server.port }

    public func stop() { server.stop() }

    /// Every message so far, oldest first.
    public var messages: [ReceivedMail] { server.records().map(Self.mail) }

    /// Waits until `count` messages have arrived (or `timeout` passes) and returns all of them.
    public func awaitMessages(count: Int = 1, timeout: Duration = .seconds(20)) -> [ReceivedMail] {
        server.awaitRecords(count: count, timeout: timeout).map(Self.mail)
    }

    private static func mail(_ record: [String: Any]) -> ReceivedMail {
        ReceivedMail(
            from: record["from"] as? String ?? "", to: record["to"] as? [String] ?? [],
            user: record["user"] as? String, data: record["data"] as? String ?? "")
    }
}
