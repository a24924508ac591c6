import Foundation
import PandaCore
import PandaStore

/// The operator's dashboard: server-rendered pages, a sign-in with an API token that opens a cookie session,
/// and CSRF-protected forms for the held-file decisions.
///
/// `GET /?token=TOKEN` (or any page with `?token=`) signs in too: it sets the session cookie and redirects to the
/// page without the token, so the token leaves the address bar at once. Handy for scripts and headless browsers
/// that open the dashboard; the token then appears in that one request line (never in Panda's logs).
struct Dashboard: Sendable {
    let context: AdminContext
    let authenticator: TokenAuthenticator
    /// Adds `Secure` to the session cookie (the server speaks HTTPS).
    let secureCookies: Bool

    static let cookieName = "panda_session"
    /// Sessions last 12 hours, then the operator signs in again.
    static let sessionLifetime: TimeInterval = 12 * 3600

    /// A page: what it needs from the request and the signed-in visitor.
    typealias Page = @Sendable (DashboardRequest) throws -> HTTPResponse

    static let router = Router<Page>([
        ("GET", "/", OverviewPage.render),
        ("GET", "/held", HeldPage.render),
        ("GET", "/audit", AuditPage.render),
        ("GET", "/bans", BansPage.render),
        ("POST", "/bans/lift", BansPage.lift),
        ("GET", "/accounts/{account}", AccountPage.render),
        ("GET", "/accounts/{account}/files/{file}", ReportPage.render),
        ("POST", "/accounts/{account}/files/{file}/approve", ReportPage.approve),
        ("POST", "/accounts/{account}/files/{file}/discard", ReportPage.discard),
    ])

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/signin"), ("HEAD", "/signin"): return SignInPage.render(error: nil)
        case ("POST", "/signin"): return signIn(token: FormBody.parse(request.body)["token"], then: "/")
        case ("POST", "/signout"): return signOut(request)
        case ("GET", _) where request.query["token"] != nil:
            return signIn(token: request.query["token"], then: Self.safeRedirect(request.path))
        default: break
        }
        guard let session = session(of: request) else {
            return request.method == "GET" || request.method == "HEAD"
                ? .redirect(to: "/signin")
                : SignInPage.render(error: "Your session has ended; sign in again.", status: 403)
        }
        switch Self.router.match(method: request.method, path: request.path) {
        case .notFound:
            return .html(
                PageLayout.page(title: "Not found", session: session, body: "<p>No such page.</p>"), status: 404)
        case .methodNotAllowed:
            return .html(PageLayout.page(title: "Not allowed", session: session, body: ""), status: 405)
        case .found(let page, let parameters):
            let dashboardRequest = DashboardRequest(
                http: request, parameters: parameters, session: session, context: context)
            if request.method == "POST" && !session.accepts(csrf: dashboardRequest.form["csrf"]) {
                return .html(
                    PageLayout.page(
                        title: "Form expired", session: session,
                        body:
                            "<p>This form was not sent from a page of this session. Go back, reload and try again.</p>"),
                    status: 403)
            }
            do {
                return try page(dashboardRequest)
            } catch {
                let apiError = APIError.from(error)
                if apiError.status >= 500 {
                    context.logger.error("dashboard.failed", ["path": request.path, "error": "\(error)"])
                }
                return .html(
                    PageLayout.page(
                        title: apiError.status == 404 ? "Not found" : "Could not do that", session: session,
                        body: "<p class=\"error\">\(HTML.escape(apiError.message))</p>"),
                    status: apiError.status)
            }
        }
    }

    /// The visitor's session from the cookie, if it is open and its token is not revoked.
    private func session(of request: HTTPRequest) -> SignedIn? {
        guard let secret = request.cookies[Self.cookieName], !secret.isEmpty, secret.utf8.count <= 128,
            let session = try? context.store.dashboardSessions.find(secret: secret)
        else { return nil }
        return SignedIn(tokenName: session.token.name, csrfToken: SignedIn.csrfToken(forSession: secret))
    }

    /// The page to return to after a `?token=` sign-in: the requested path when it is plainly one of ours.
    static func safeRedirect(_ path: String) -> String {
        let safe =
            path.hasPrefix("/") && !path.hasPrefix("//")
            && path.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || "/-_.".unicodeScalars.contains($0)
            }
        return safe ? path : "/"
    }

    private func signIn(token: String?, then location: String) -> HTTPResponse {
        guard let found = authenticator.authenticate(token?.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return SignInPage.render(error: "That token is not valid (unknown or revoked).", status: 401)
        }
        let secret = SecureRandom.token(byteCount: 32)
        do {
            try context.store.dashboardSessions.open(secret: secret, tokenID: found.id, lifetime: Self.sessionLifetime)
            try context.store.audit.record(account: nil, actor: "dashboard:" + found.name, event: "dashboard.signin")
        } catch {
            context.logger.error("dashboard.signin_failed", ["error": "\(error)"])
            return SignInPage.render(error: "Signing in failed; see the server log.", status: 503)
        }
        return .redirect(to: location, cookies: [cookie(secret, maxAge: Int(Self.sessionLifetime))])
    }

    private func signOut(_ request: HTTPRequest) -> HTTPResponse {
        if let secret = request.cookies[Self.cookieName], let session = self.session(of: request),
            session.accepts(csrf: FormBody.parse(request.body)["csrf"])
        {
            try? context.store.dashboardSessions.close(secret: secret)
        }
        return .redirect(to: "/signin", cookies: [cookie("", maxAge: 0)])
    }

    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(Self.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
            + (secureCookies ? "; Secure" : "")
    }
}

/// A request routed to a dashboard page.
struct DashboardRequest: Sendable {
    let http: HTTPRequest
    let parameters: [String: String]
    let session: SignedIn
    let context: AdminContext

    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    var form: [String: String] { FormBody.parse(http.body) }

    func page(_ title: String, active: String = "", _ body: String) -> HTTPResponse {
        .html(PageLayout.page(title: title, session: session, active: active, body: body))
    }
}
