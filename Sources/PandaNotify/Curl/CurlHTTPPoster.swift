import CCurl
import Foundation

/// Webhook POSTs through libcurl: http and https only, no redirects followed, no `Expect: 100-continue`.
///
/// Proxies named by the standard environment variables (`https_proxy`, `no_proxy` …) are honoured, as
/// libcurl does, so a server behind a corporate proxy can still reach webhooks.
public struct CurlHTTPPoster: HTTPPoster {
    /// The longest wait for the TCP (and TLS) connection, within the request's own time limit.
    public var connectTimeout: Duration

    public init(connectTimeout: Duration = .seconds(10)) {
        self.connectTimeout = connectTimeout
    }

    public func post(_ request: HTTPRequest) throws(TransferError) -> Int {
        let handle = try CurlHandle()
        try handle.set(CURLOPT_URL, request.url)
        try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try handle.set(CURLOPT_POST, 1)
        try handle.setPostBody(request.body)
        // An empty `Expect:` stops libcurl from waiting for `100 Continue` before sending larger bodies.
        try handle.set(CURLOPT_HTTPHEADER, list: request.headers.map { "\($0.name): \($0.value)" } + ["Expect:"])
        try handle.set(CURLOPT_TIMEOUT_MS, request.timeout.milliseconds)
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, min(connectTimeout, request.timeout).milliseconds)
        let code = handle.perform()
        guard code == CURLE_OK else {
            throw .from(code, handle: handle, host: URLComponents(string: request.url)?.host ?? "", isMail: false)
        }
        let status = handle.responseCode
        guard (200..<300).contains(status) else { throw .httpStatus(status) }
        return status
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no limit").
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
