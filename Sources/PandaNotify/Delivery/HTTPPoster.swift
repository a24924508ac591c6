/// One webhook POST.
public struct HTTPRequest: Sendable {
    public var url: String
    /// Header names and values, in order (`Content-Type`, `User-Agent`, `X-Panda-Signature` …).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The whole exchange, connection included, must finish within this time.
    public var timeout: Duration

    public init(url: String, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Sends webhook POSTs: libcurl in the server, small fakes in tests.
public protocol HTTPPoster: Sendable {
    /// Sends `request`; returns the 2xx status, or throws what failed (`.httpStatus` for any other status).
    func post(_ request: HTTPRequest) throws(TransferError) -> Int
}
