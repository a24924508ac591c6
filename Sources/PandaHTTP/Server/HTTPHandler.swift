/// What the server core calls for each complete request; runs on the connection's own thread, so it may
/// block (database reads, an import being approved).
public protocol HTTPHandler: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
}
