import PandaCore

/// One HTTP response: status, headers in order, and the body bytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// A JSON document (compact), never cached: API answers change with every upload.
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")],
            body: value.renderedUTF8(pretty: false))
    }

    /// Plain text, e.g. the Prometheus exposition format or a health answer.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        HTTPResponse(
            status: status, headers: [("Content-Type", contentType), ("Cache-Control", "no-store")],
            body: Array(text.utf8))
    }

    /// A dashboard page. The policy allows nothing from elsewhere (the pages use no external assets), only
    /// the page's own inline style, and forms posting back to this server.
    public static func html(_ html: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                (
                    "Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self';"
                        + " frame-ancestors 'none'; base-uri 'none'"
                ),
                ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                ("X-Frame-Options", "DENY"),
            ],
            body: Array(html.utf8))
    }

    /// `303 See Other` to `location` (after a form post, or the `?token=` sign-in).
    public static func redirect(to location: String, cookies: [String] = []) -> HTTPResponse {
        HTTPResponse(
            status: 303,
            headers: [("Location", location), ("Cache-Control", "no-store")] + cookies.map { ("Set-Cookie", $0) })
    }
}
