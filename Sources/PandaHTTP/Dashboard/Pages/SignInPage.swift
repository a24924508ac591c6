/// The sign-in form: an API token opens a dashboard session.
enum SignInPage {
    static func render(error: String?, status: Int = 200) -> HTTPResponse {
        let notice = error.map { "<p class=\"notice error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return .html(
            PageLayout.page(
                title: "Sign in", session: nil,
                body: """
                    \(notice)
                    <form class="signin" method="post" action="/signin">
                    <label for="token">API token</label>
                    <input id="token" name="token" type="password" autocomplete="off" required autofocus>
                    <button type="submit">Sign in</button>
                    </form>
                    <p class="muted">Create a token on the server with <code>panda token create --name NAME</code>.</p>
                    """), status: status)
    }
}
