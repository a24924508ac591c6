import Foundation
import PandaHTTP
import PandaTesting
import Testing

/// The OpenAPI document lists exactly the routes that exist, and each answers over a real socket.
@Suite struct OpenAPITests {
    @Test func theDocumentListsExactlyTheRealRoutes() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let answer = try Curl.request("GET", fixture.base + "/api/v1/openapi.json")
        #expect(answer.status == 200)
        #expect(answer.object["openapi"] as? String == "3.0.3")
        let paths = try #require(answer.object["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, methods) in paths {
            for method in methods.keys { documented.insert(method.uppercased() + " " + path) }
        }
        let routed = Set(APIRoutes.operations.map { $0.method + " " + $0.path })
        #expect(documented == routed)
        #expect(documented.count == APIRoutes.operations.count)

        // Every documented operation exists: without a token it is refused (401), never unknown (404/405).
        for entry in documented {
            let parts = entry.split(separator: " ", maxSplits: 1).map(String.init)
            let reply = try Curl.request(
                parts[0], fixture.base + Paths.concrete(parts[1]),
                body: parts[0] == "GET" || parts[0] == "DELETE" ? nil : "{}")
            #expect(reply.status == (parts[1].hasSuffix("openapi.json") ? 200 : 401), "\(entry)")
        }
        // And every referenced schema is defined.
        let schemas = (answer.object["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        for name in answer.text.matches(of: /#\/components\/schemas\/([A-Za-z]+)/).map({ String($0.output.1) }) {
            #expect(schemas[name] != nil, "schema \(name)")
        }
    }

    /// The operator operations shared with the CLI: their statuses, bodies and path parameters as documented.
    @Test func theOperatorOperationsAreDescribed() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let answer = try Curl.request("GET", fixture.base + "/api/v1/openapi.json")
        let paths = try #require(answer.object["paths"] as? [String: [String: [String: Any]]])
        let expected: [(method: String, path: String, statuses: Set<String>, body: [String]?)] = [
            ("post", "/api/v1/institutions", ["201", "400", "401", "409", "422"], ["id", "name"]),
            ("post", "/api/v1/accounts/{account}/cycles/publish", ["200", "401", "404"], nil),
            ("get", "/api/v1/accounts/{account}/holidays", ["200", "401", "404"], nil),
            ("post", "/api/v1/accounts/{account}/holidays", ["200", "400", "401", "404", "422"], ["dates"]),
            ("delete", "/api/v1/accounts/{account}/holidays/{date}", ["200", "401", "404", "422"], nil),
            ("get", "/api/v1/accounts/{account}/pauses", ["200", "401", "404"], nil),
            ("post", "/api/v1/accounts/{account}/pauses", ["201", "400", "401", "404", "409", "422"], ["from", "to"]),
            ("delete", "/api/v1/accounts/{account}/pauses/{from}", ["200", "401", "404", "422"], nil),
            ("get", "/api/v1/bans", ["200", "401"], nil),
            ("delete", "/api/v1/bans/{address}", ["200", "401", "404"], nil),
        ]
        for (method, path, statuses, body) in expected {
            let operation = try #require(paths[path]?[method], "\(method) \(path)")
            #expect(Set((operation["responses"] as? [String: Any] ?? [:]).keys) == statuses, "\(method) \(path)")
            let schema =
                ((operation["requestBody"] as? [String: Any])?["content"] as? [String: [String: Any]])?[
                    "application/json"]?["schema"] as? [String: Any]
            #expect(schema?["required"] as? [String] == body, "\(method) \(path)")
            let declared = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(declared == PathTemplate(path).parameterNames, "\(method) \(path)")
        }
    }
}
