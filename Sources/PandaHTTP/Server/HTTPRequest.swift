/// One HTTP request as the handlers see it: decoded path and query, headers, cookies and the whole body.
///
/// A plain value, so routers and handlers are tested without a socket.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path, percent-decoded, without the query string.
    public var path: String
    /// Query arguments, decoded; an argument given twice keeps its last value.
    public var query: [String: String]
    /// Header values by lower-case name.
    public var headers: [String: String]
    public var cookies: [String: String]
    public var body: [UInt8]
    /// The client's IP address.
    public var clientAddress: String

    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        cookies: [String: String] = [:], body: [UInt8] = [], clientAddress: String = "127.0.0.1"
    ) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.cookies = cookies
        self.body = body
        self.clientAddress = clientAddress
    }

    /// A header's value; `name` is matched case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The token of an `Authorization: Bearer TOKEN` header.
    public var bearerToken: String? {
        guard let value = header("authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
