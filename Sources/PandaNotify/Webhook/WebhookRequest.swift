import Foundation
import PandaCore

/// Builds the POST for one attempt of a webhook delivery.
enum WebhookRequest {
    /// Names the body's format version (1), which changes only if the body's shape does.
    static let userAgent = "Panda-Webhook/1"

    /// The request for `body` to `url`; signed when the account has a secret, unsigned otherwise.
    static func make(
        url: String, body: String, secret: String?, eventKind: String, eventID: String, deliveryID: Int64,
        attempt: Int, timeout: Duration
    ) -> HTTPRequest {
        let bytes = Array(body.utf8)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("User-Agent", userAgent),
            ("X-Panda-Event", eventKind),
            ("X-Panda-Event-Id", eventID),
            ("X-Panda-Delivery", String(deliveryID)),
            ("X-Panda-Attempt", String(attempt)),
        ]
        if let secret, !secret.isEmpty {
            headers.append((WebhookSignature.headerName, WebhookSignature.value(body: bytes, secret: secret)))
        }
        return HTTPRequest(url: url, headers: headers, body: bytes, timeout: timeout)
    }

    /// `scheme://host[:port]` of a webhook URL: what logs, the audit and listings show (paths often hold
    /// tokens).
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return "(invalid URL)" }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)" + (components.port.map { ":\($0)" } ?? "")
    }
}
