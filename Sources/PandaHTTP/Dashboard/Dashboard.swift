import PandaCore

/// Placeholder until the dashboard pages land.
struct Dashboard: Sendable {
    let context: AdminContext
    let authenticator: TokenAuthenticator

    func respond(to request: HTTPRequest) -> HTTPResponse {
        .html("<!doctype html><title>Panda</title><p>Sign in with a token</p>")
    }
}
