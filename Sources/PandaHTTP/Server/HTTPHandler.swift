/// What the server core calls for each complete request.
public protocol HTTPHandler: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// True for a request whose handling may have to wait, e.g. for the database's writer while a large
    /// import holds it. Such requests run on their own threads, so the worker that received them goes on
    /// serving its other connections (health checks, metrics, pages) in the meantime. By default: every
    /// request that is not a GET or HEAD.
    func mayWait(_ request: HTTPRequest) -> Bool
}

extension HTTPHandler {
    public func mayWait(_ request: HTTPRequest) -> Bool {
        request.method != "GET" && request.method != "HEAD"
    }
}
