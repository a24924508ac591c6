import PandaCore
import PandaStore

/// The admin HTTP server's handler: `/healthz`, `/metrics`, the JSON API under `/api/v1`, and the dashboard
/// for everything else. Counts and times every request for the metrics. Usable without a socket (tests call
/// `respond(to:)` directly).
public struct AdminApplication: HTTPHandler {
    let context: AdminContext
    let api: APIHandler
    let dashboard: Dashboard

    /// `secureCookies` marks the dashboard's session cookie `Secure` (set when the server speaks HTTPS).
    public init(context: AdminContext, secureCookies: Bool = false) {
        self.context = context
        let authenticator = TokenAuthenticator(store: context.store, logger: context.logger)
        api = APIHandler(context: context, authenticator: authenticator)
        dashboard = Dashboard(context: context, authenticator: authenticator, secureCookies: secureCookies)
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = ContinuousClock.now
        let response: HTTPResponse
        switch request.path {
        case "/healthz": response = health()
        case "/metrics": response = MetricsEndpoint(context: context).respond()
        case let path where path == "/api" || path.hasPrefix("/api/"): response = api.respond(to: request)
        default: response = dashboard.respond(to: request)
        }
        let seconds = (ContinuousClock.now - started).seconds
        context.metrics.increment(PandaMetrics.httpRequests, [("class", "\(response.status / 100)xx")])
        context.metrics.observe(PandaMetrics.httpDuration, [], seconds)
        if response.status >= 500 {
            context.logger.warning(
                "http.error", ["method": request.method, "path": request.path, "status": String(response.status)])
        }
        return response
    }

    /// Changes wait for the database's writer; so does a dashboard sign-in by `?token=` (it opens a session).
    /// Everything else only reads, which never waits for the writer (SQLite in WAL mode).
    public func mayWait(_ request: HTTPRequest) -> Bool {
        (request.method != "GET" && request.method != "HEAD")
            || (request.query["token"] != nil && !request.path.hasPrefix("/api/"))
    }

    /// 200 while the database answers, 503 otherwise: what a load balancer needs to know.
    private func health() -> HTTPResponse {
        do {
            _ = try context.store.database.read { db in try db.queryOne("SELECT 1") }
            return .json(.object([("status", .string("ok"))]))
        } catch {
            return .json(.object([("status", .string("unavailable"))]), status: 503)
        }
    }
}
