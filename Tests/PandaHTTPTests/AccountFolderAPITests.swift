import Foundation
import PandaCore
import PandaTesting
import Testing

/// `PATCH /api/v1/accounts/{account}` moves folders like `account set --inbound-folder` does.
@Suite struct AccountFolderAPITests {
    @Test func foldersMoveThroughTheAPIAndNullRestoresTheDefault() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let url = fixture.base + "/api/v1/accounts/uni1"
        let moved = try Curl.request(
            "PATCH", url, token: fixture.token, body: #"{"inboundFolder": "/upload/", "resultsFolder": "/reports"}"#)
        #expect(moved.status == 200, "\(String(decoding: moved.body, as: UTF8.self))")
        #expect(try fixture.store.accounts.get("uni1").folders.inbound == "/upload")
        let shown = try Curl.request("GET", url, token: fixture.token)
        #expect((shown.object["folders"] as? [String: Any])?["results"] as? String == "/reports")

        let restored = try Curl.request("PATCH", url, token: fixture.token, body: #"{"inboundFolder": null}"#)
        #expect(restored.status == 200)
        #expect(try fixture.store.accounts.get("uni1").folders.inbound == "/inbound")
        #expect(try fixture.store.accounts.get("uni1").folders.results == "/reports")
    }

    @Test func aFolderThatCannotBeUsedIsRefusedAndNothingChanges() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let url = fixture.base + "/api/v1/accounts/uni1"
        for (body, message) in [
            (#"{"inboundFolder": "/results", "thresholdPercent": 50}"#, "would both be /results"),
            (#"{"validateFolder": "upload"}"#, "must start with /"),
            (#"{"archiveFolder": "/inbound/old"}"#, "lies inside /inbound"),
        ] {
            let answer = try Curl.request("PATCH", url, token: fixture.token, body: body)
            #expect(answer.status == 422, "\(body)")
            #expect(answer.errorCode == "invalid_value")
            let text = (answer.object["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(text.contains(message), "\(text)")
        }
        let account = try fixture.store.accounts.get("uni1")
        #expect(account.folders == .standard)
        #expect(account.settings.thresholdPercent == 20)
        let wrongType = try Curl.request("PATCH", url, token: fixture.token, body: #"{"inboundFolder": 5}"#)
        #expect(wrongType.status == 400)
    }
}
