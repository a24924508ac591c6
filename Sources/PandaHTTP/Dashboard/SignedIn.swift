import PandaCore
import PandaStore

/// A signed-in dashboard visitor: the token that opened the session and the session's CSRF token.
struct SignedIn: Sendable {
    let tokenName: String
    /// HMAC of the session secret: forms carry it, and a post without it is refused. A page of another
    /// site cannot read it, and SameSite=Strict keeps the cookie off cross-site posts anyway.
    let csrfToken: String

    /// Who acts, for the audit log.
    var actor: String { "dashboard:" + tokenName }

    var csrfField: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrfToken)\">" }

    static func csrfToken(forSession secret: String) -> String {
        Digest.hex(Digest.hmacSHA256(key: Array(secret.utf8), message: Array("panda-dashboard-csrf".utf8)))
    }

    /// Whether a form's `csrf` value is this session's, compared in constant time.
    func accepts(csrf: String?) -> Bool {
        guard let csrf else { return false }
        return Digest.constantTimeEqual(Array(csrf.utf8), Array(csrfToken.utf8))
    }
}
