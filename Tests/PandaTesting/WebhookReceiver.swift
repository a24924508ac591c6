import Foundation

/// One POST a `WebhookReceiver` got.
public struct ReceivedWebhook: Sendable {
    public let path: String
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: String
    /// Whether `X-Panda-Signature` matched the receiver's secret; nil when it was started without one.
    public let signatureValid: Bool?
}

/// A webhook endpoint on 127.0.0.1 (Python's `http.server`) that checks `X-Panda-Signature` as an
/// institution's receiver would: with a secret it answers 401 to a missing or wrong signature, otherwise
/// `status` (200 by default).
public final class WebhookReceiver: @unchecked Sendable {
    private let server: LoopbackReceiver

    /// Listens on `port` (0 picks a free one).
    public init(port: Int = 0, secret: String? = nil, status: Int = 200) throws {
        server = try LoopbackReceiver(
            script: LoopbackReceiverScripts.webhook, name: "webhook", port: port,
            arguments: [String(status)] + (secret.map { [$0] } ?? []))
    }

    public var port: Int { server.port }

    /// `http://127.0.0.1:PORT/panda`.
    public var url: String { "http://127.0.0.1:\(port)/panda" }

    public func stop() { server.stop() }

    /// Every POST so far, oldest first.
    public var requests: [ReceivedWebhook] { server.records().map(Self.request) }

    /// Waits until `count` POSTs have arrived (or `timeout` passes) and returns all of them.
    public func awaitRequests(count: Int = 1, timeout: Duration = .seconds(20)) -> [ReceivedWebhook] {
        server.awaitRecords(count: count, timeout: timeout).map(Self.request)
    }

    private static func request(_ record: [String: Any]) -> ReceivedWebhook {
        ReceivedWebhook(
            path: record["path"] as? String ?? "", headers: record["headers"] as? [String: String] ?? [:],
            body: record["body"] as? String ?? "", signatureValid: record["signatureValid"] as? Bool)
    }
}
