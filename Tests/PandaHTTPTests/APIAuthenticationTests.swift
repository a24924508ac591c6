import Foundation
import PandaHTTP
import PandaStore
import PandaTesting
import Testing

/// Every API route over a real socket refuses a request without a token, with an unknown one and with a
/// revoked one (401, JSON error), and changes nothing.
@Suite struct APIAuthenticationTests {
    @Test func everyRouteNeedsAValidToken() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let auditBefore = try fixture.store.audit.list(limit: 1000).count
        try fixture.store.apiTokens.create(name: "old", token: "panda_revoked_token_0123456789abcdef")
        try fixture.store.apiTokens.revoke(name: "old")
        for operation in APIRoutes.operations where operation.requiresToken {
            let url = fixture.base + Paths.concrete(operation.path)
            let body = operation.requestBody == nil ? nil : "{}"
            for token in [nil, "nope", "panda_revoked_token_0123456789abcdef"] {
                let answer = try Curl.request(operation.method, url, token: token, body: body)
                #expect(answer.status == 401, "\(operation.method) \(operation.path) token \(token ?? "none")")
                #expect(answer.errorCode == "unauthorized")
                #expect(answer.headers.lowercased().contains("www-authenticate: bearer"))
            }
        }
        #expect(try fixture.store.audit.list(limit: 1000).count == auditBefore)
        #expect(try fixture.store.roster.count("uni1") == 0)
    }

    @Test func aValidTokenIsAcceptedAndItsUseRecorded() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let answer = try Curl.request("GET", fixture.base + "/api/v1/accounts", token: fixture.token)
        #expect(answer.status == 200)
        #expect(Set(answer.array.compactMap { $0["username"] as? String }) == ["uni1", "uni1-test"])
        // Recorded off the request's thread, shortly after the answer.
        #expect(try eventually { try fixture.store.apiTokens.list().first?.lastUsedAt != nil })
        // Lower-case scheme and extra spaces are fine.
        let relaxed = try Curl.request(
            "GET", fixture.base + "/api/v1/accounts", headers: ["Authorization: bearer   \(fixture.token)"])
        #expect(relaxed.status == 200)
    }
}

/// Concrete paths for route templates, naming things the fixture has.
enum Paths {
    static func concrete(
        _ template: String, account: String = "uni1", file: String = "1", key: String = "1", user: String = "K1",
        institution: String = "uni1", date: String = "2031-01-01", from: String = "2031-06-01",
        address: String = "192.0.2.1"
    ) -> String {
        template.replacingOccurrences(of: "{account}", with: account).replacingOccurrences(of: "{file}", with: file)
            .replacingOccurrences(of: "{key}", with: key).replacingOccurrences(of: "{user}", with: user)
            .replacingOccurrences(of: "{institution}", with: institution).replacingOccurrences(of: "{date}", with: date)
            .replacingOccurrences(of: "{from}", with: from).replacingOccurrences(of: "{address}", with: address)
    }
}
