import Foundation
import PandaCore
import PandaHTTP
import PandaStore
import PandaTesting
import Testing

/// Bad input over a real socket: malformed JSON, missing fields, wrong types, unknown ids. Each answer is a
/// JSON error with the right status, and nothing changes.
@Suite struct APIInputTests {
    @Test func everyRouteWithABodyRefusesBadJSONAndMissingFields() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        _ = try fixture.importWithHeldFile()
        let auditBefore = try fixture.store.audit.list(limit: 1000).count
        for operation in APIRoutes.operations where operation.requestBody != nil {
            let url = fixture.base + Paths.concrete(operation.path)
            let label = "\(operation.method) \(operation.path)"
            for (body, code) in [
                ("{nope", "invalid_json"), ("", "missing_body"), ("{}", "missing_field"), ("[1]", nil),
            ] {
                let answer = try Curl.request(operation.method, url, token: fixture.token, body: body)
                #expect(answer.status == 400, "\(label) body \(body)")
                if let code { #expect(answer.errorCode == code, "\(label) body \(body): \(answer.text)") }
                #expect(answer.errorCode != nil)
            }
        }
        let wrongType = try Curl.request(
            "POST", fixture.base + "/api/v1/accounts/uni1/roster", token: fixture.token, body: #"{"students": "K1"}"#)
        #expect(wrongType.status == 400 && wrongType.errorCode == "invalid_field")
        #expect(wrongType.text.contains("students"))
        #expect(try fixture.store.audit.list(limit: 1000).count == auditBefore)
        #expect(try fixture.store.roster.count("uni1") == 10)
    }

    @Test func unknownIdsAreNotFound() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        _ = try fixture.importWithHeldFile()
        let holiday = try LocalDate(parsing: "2031-01-01")
        let pause = PauseWindow(first: try LocalDate(parsing: "2031-06-01"), last: try LocalDate(parsing: "2031-06-30"))
        try fixture.store.calendar.addHolidays([holiday], to: "uni1")
        try fixture.store.calendar.addPause(pause, to: "uni1")
        for operation in APIRoutes.operations where !PathTemplate(operation.path).parameterNames.isEmpty {
            let names = PathTemplate(operation.path).parameterNames
            // Each parameter unknown in turn, the others known.
            for unknown in names {
                let path = Paths.concrete(
                    operation.path, account: unknown == "account" ? "nope" : "uni1",
                    file: unknown == "file" ? "999" : "2", key: unknown == "key" ? "999" : "1",
                    user: unknown == "user" ? "K404" : "K1", institution: unknown == "institution" ? "nope" : "uni1",
                    date: unknown == "date" ? "2031-01-02" : "2031-01-01",
                    from: unknown == "from" ? "2031-06-02" : "2031-06-01", address: "192.0.2.1")
                let body: String? =
                    switch operation.id {
                    case "addKey": #"{"publicKey": "ssh-ed25519 AAAA"}"#
                    case "addToRoster", "removeFromRoster", "replaceRoster": #"{"students": ["K1"]}"#
                    case "updateAccountSettings": #"{"thresholdPercent": 30}"#
                    case "addHolidays": #"{"dates": ["2031-01-01"]}"#
                    case "addPause": #"{"from": "2031-06-01", "to": "2031-06-30"}"#
                    default: operation.requestBody == nil ? nil : "{}"
                    }
                let answer = try Curl.request(operation.method, fixture.base + path, token: fixture.token, body: body)
                #expect(answer.status == 404, "\(operation.method) \(path): \(answer.text)")
                #expect(answer.errorCode == "not_found")
            }
        }
        #expect(try fixture.store.files.get(account: "uni1", id: 2).status == .held)
        #expect(try fixture.store.calendar.holidays(of: "uni1") == [holiday])
        #expect(try fixture.store.calendar.pauses(of: "uni1") == [pause])
    }

    @Test func unknownRoutesAndMethodsAreJSONErrors() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let missing = try Curl.request("GET", fixture.base + "/api/v1/nothing", token: fixture.token)
        #expect(missing.status == 404 && missing.errorCode == "not_found")
        let method = try Curl.request("DELETE", fixture.base + "/api/v1/accounts", token: fixture.token)
        #expect(method.status == 405 && method.errorCode == "method_not_allowed")
        #expect(method.headers.contains("Allow: GET"))
        let query = try Curl.request("GET", fixture.base + "/api/v1/audit?limit=0", token: fixture.token)
        #expect(query.status == 400 && query.errorCode == "invalid_query")
    }

    @Test func aBodyOverOneMebibyteIsRefused() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let huge = "{\"students\": [\"" + String(repeating: "K", count: 1_100_000) + "\"]}"
        let answer = try Curl.request(
            "POST", fixture.base + "/api/v1/accounts/uni1/roster", token: fixture.token, body: huge)
        #expect(answer.status == 413 && answer.errorCode == "body_too_large")
        #expect(try fixture.store.roster.count("uni1") == 0)
    }
}
