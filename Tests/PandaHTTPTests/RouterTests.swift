import PandaHTTP
import Testing

/// The router alone, without a socket.
@Suite struct RouterTests {
    let router = Router<String>([
        ("GET", "/api/v1/accounts/{account}/files/{file}", "report"),
        ("GET", "/api/v1/accounts/{account}/files/held", "held"),
        ("POST", "/api/v1/accounts/{account}/files/{file}/approve", "approve"),
    ])

    @Test func parametersAreExtractedAndLiteralsWin() {
        guard
            case .found(let route, let parameters) = router.match(method: "GET", path: "/api/v1/accounts/uni1/files/7")
        else { Issue.record("no match"); return }
        #expect(route == "report" && parameters == ["account": "uni1", "file": "7"])
        guard case .found(let held, _) = router.match(method: "GET", path: "/api/v1/accounts/uni1/files/held") else {
            Issue.record("no match"); return
        }
        #expect(held == "held")
        guard case .found(let head, _) = router.match(method: "HEAD", path: "/api/v1/accounts/uni1/files/7") else {
            Issue.record("HEAD is answered by GET"); return
        }
        #expect(head == "report")
    }

    @Test func otherMethodsAndPathsAreTold() {
        guard case .methodNotAllowed(let allowed) = router.match(method: "DELETE", path: "/api/v1/accounts/u/files/7")
        else { Issue.record("expected 405"); return }
        #expect(allowed == ["GET"])
        guard case .notFound = router.match(method: "GET", path: "/api/v1/accounts//files") else {
            Issue.record("expected 404"); return
        }
    }
}
