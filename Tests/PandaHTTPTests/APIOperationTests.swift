import Foundation
import PandaCore
import PandaHTTP
import PandaStore
import PandaTesting
import Testing

/// Each API operation over a real socket does what its command does, with the effect checked in the store.
@Suite struct APIOperationTests {
    @Test func institutionsAndAccounts() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let institutions = try Curl.request("GET", fixture.base + "/api/v1/institutions", token: fixture.token)
        #expect(institutions.status == 200 && institutions.array.first?["name"] as? String == "University One")
        let one = try Curl.request("GET", fixture.base + "/api/v1/institutions/uni1", token: fixture.token)
        #expect((one.object["accounts"] as? [[String: Any]])?.count == 2)
        let account = try Curl.request("GET", fixture.base + "/api/v1/accounts/uni1-test", token: fixture.token)
        #expect(account.object["environment"] as? String == "test")
        #expect((account.object["settings"] as? [String: Any])?["deadline"] as? String == "12:00")

        let changed = try Curl.request(
            "PATCH", fixture.base + "/api/v1/accounts/uni1", token: fixture.token,
            body:
                #"{"publishAt": "06:30", "days": ["mon", "wed"], "digest": true, "thresholdPercent": 35, "webhook": null}"#
        )
        #expect(changed.status == 200, "\(changed.text)")
        let settings = try fixture.store.accounts.get("uni1").settings
        #expect(settings.publishAt.description == "06:30" && settings.thresholdPercent == 35 && settings.digest)
        #expect(settings.days.map(\.shortName) == ["mon", "wed"])
        #expect(try fixture.store.audit.list(account: "uni1").last?.actor == "api:tester")

        // A refused value changes nothing, not even the valid ones beside it.
        let refused = try Curl.request(
            "PATCH", fixture.base + "/api/v1/accounts/uni1", token: fixture.token,
            body: #"{"thresholdPercent": 50, "deadline": "05:00"}"#)
        #expect(refused.status == 422 && refused.errorCode == "invalid_value")
        #expect(try fixture.store.accounts.get("uni1").settings.thresholdPercent == 35)
        let unknown = try Curl.request(
            "PATCH", fixture.base + "/api/v1/accounts/uni1", token: fixture.token, body: #"{"colour": "red"}"#)
        #expect(unknown.status == 400 && unknown.errorCode == "invalid_field")
    }

    @Test func keysAreAddedListedAndRevoked() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let key = try KeyGenerator.generate("ed25519", name: "inst", in: fixture.directory.path)
        let text = try String(contentsOfFile: key.publicKeyPath, encoding: .utf8).trimmingCharacters(in: .newlines)
        let body = "{\"publicKey\": \"\(text)\", \"expires\": \"2099-01-01\", \"from\": [\"192.0.2.0/24\"]}"
        let added = try Curl.request(
            "POST", fixture.base + "/api/v1/accounts/uni1/keys", token: fixture.token, body: body)
        #expect(added.status == 201, "\(added.text)")
        let fingerprint = try KeyGenerator.sshKeygenFingerprint(of: key.publicKeyPath)
        #expect(added.object["fingerprint"] as? String == fingerprint)
        let stored = try #require(fixture.store.keys.list("uni1").first)
        #expect(stored.fingerprint == fingerprint && stored.allowedSources.map(\.description) == ["192.0.2.0/24"])

        let again = try Curl.request(
            "POST", fixture.base + "/api/v1/accounts/uni1/keys", token: fixture.token, body: body)
        #expect(again.status == 409 && again.errorCode == "conflict")
        let dsa = try Curl.request(
            "POST", fixture.base + "/api/v1/accounts/uni1/keys", token: fixture.token,
            body: #"{"publicKey": "ssh-dss AAAAB3NzaC1kc3MAAACBAP== old"}"#)
        #expect(dsa.status == 422 && dsa.errorCode == "key_refused")
        let past = try Curl.request(
            "POST", fixture.base + "/api/v1/accounts/uni1-test/keys", token: fixture.token,
            body: "{\"publicKey\": \"\(text)\", \"expires\": \"2001-01-01\"}")
        #expect(past.status == 422)
        #expect(try fixture.store.keys.list("uni1-test").isEmpty)

        let listed = try Curl.request("GET", fixture.base + "/api/v1/accounts/uni1/keys", token: fixture.token)
        #expect(listed.array.count == 1 && listed.array[0]["state"] as? String == "active")
        let revoked = try Curl.request(
            "DELETE", fixture.base + "/api/v1/accounts/uni1/keys/\(stored.id)", token: fixture.token)
        #expect(revoked.status == 200 && revoked.object["state"] as? String == "revoked")
        #expect(try fixture.store.keys.list("uni1", includeRevoked: false).isEmpty)
        #expect(try fixture.store.audit.list(account: "uni1").map(\.event).suffix(2) == ["key.add", "key.revoke"])
        let twice = try Curl.request(
            "DELETE", fixture.base + "/api/v1/accounts/uni1/keys/\(stored.id)", token: fixture.token)
        #expect(twice.status == 404)
    }

    @Test func rosterIsListedAddedRemovedAndReplaced() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let url = fixture.base + "/api/v1/accounts/uni1/roster"
        let added = try Curl.request(
            "POST", url, token: fixture.token, body: #"{"students": ["K1", "K2", "K3", "K2"]}"#)
        #expect(added.status == 200 && added.object["added"] as? Int == 3 && added.object["total"] as? Int == 3)
        let removed = try Curl.request(
            "POST", url + "/remove", token: fixture.token, body: #"{"students": ["K2", "K9"]}"#)
        #expect(removed.object["removed"] as? Int == 1)
        #expect(try fixture.store.roster.list("uni1") == ["K1", "K3"])
        let replaced = try Curl.request("PUT", url, token: fixture.token, body: #"{"students": ["K3", "K4"]}"#)
        #expect(replaced.object["added"] as? Int == 1 && replaced.object["removed"] as? Int == 1)
        #expect(try fixture.store.roster.list("uni1") == ["K3", "K4"])
        let empty = try Curl.request("PUT", url, token: fixture.token, body: #"{"students": []}"#)
        #expect(empty.status == 422)
        let bad = try Curl.request("POST", url, token: fixture.token, body: #"{"students": ["K5", " K6"]}"#)
        #expect(bad.status == 422)
        #expect(try fixture.store.roster.list("uni1") == ["K3", "K4"])
        let listed = try Curl.request("GET", url, token: fixture.token)
        #expect(listed.object["students"] as? [String] == ["K3", "K4"])
        #expect(
            try fixture.store.audit.list(account: "uni1").map(\.event) == [
                "roster.add", "roster.remove", "roster.import",
            ])
    }

    @Test func filesReportsHeldDecisionsRecordsAndCycles() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let (processed, held) = try fixture.importWithHeldFile()
        let base = fixture.base + "/api/v1/accounts/uni1"
        let files = try Curl.request("GET", base + "/files", token: fixture.token)
        #expect(files.array.map { $0["status"] as? String } == ["processed_with_errors", "held"])
        let report = try Curl.request("GET", base + "/files/\(processed)", token: fixture.token)
        #expect(report.object["file"] as? String == "user.csv")
        let errors = report.object["errors"] as? [[String: Any]] ?? []
        #expect(errors.contains { $0["line"] as? Int == 11 && ($0["record"] as? String)?.contains("K99") == true })
        #expect(
            try Curl.request("GET", base + "/files/latest", token: fixture.token).object["status"] as? String == "held")

        let queue = try Curl.request("GET", fixture.base + "/api/v1/held", token: fixture.token)
        #expect(queue.array.map { $0["id"] as? Int } == [Int(held)])
        let cycles = try Curl.request("GET", base + "/cycles?days=3", token: fixture.token)
        #expect((cycles.object["recent"] as? [Any])?.count == 3)
        #expect(cycles.object["today"] != nil)

        let approved = try Curl.request("POST", base + "/files/\(held)/approve", token: fixture.token)
        #expect(approved.status == 200 && approved.object["status"] as? String == "processed")
        #expect(approved.object["decidedBy"] as? String == "api:tester")
        #expect(try fixture.store.files.get(account: "uni1", id: held).status == .processed)
        let again = try Curl.request("POST", base + "/files/\(held)/approve", token: fixture.token)
        #expect(again.status == 409 && again.errorCode == "not_held")
        let discard = try Curl.request("POST", base + "/files/\(held)/discard", token: fixture.token)
        #expect(discard.status == 409)
        #expect(try Curl.request("GET", fixture.base + "/api/v1/held", token: fixture.token).array.isEmpty)

        let records = try Curl.request("GET", base + "/records?limit=4", token: fixture.token)
        let page = records.object["records"] as? [[String: Any]] ?? []
        #expect(page.map { $0["userId"] as? String } == ["K1", "K10", "K2", "K3"])
        #expect(records.object["total"] as? Int == 10 && records.object["next"] as? String == "K3")
        #expect(page[0]["userStatus"] as? Int == 2)
        let next = try Curl.request("GET", base + "/records?limit=4&after=K3", token: fixture.token)
        #expect((next.object["records"] as? [[String: Any]])?.first?["userId"] as? String == "K4")
        let one = try Curl.request("GET", base + "/records/K5", token: fixture.token)
        #expect((one.object["provenance"] as? [String: Any])?["fileId"] as? Int == Int(processed))
        #expect((one.object["provenance"] as? [String: Any])?["line"] as? Int == 5)

        let coverage = try Curl.request("GET", base + "/coverage", token: fixture.token)
        #expect(coverage.object["expected"] as? Int == 10)
        let badDay = try Curl.request("GET", base + "/coverage?day=yesterday", token: fixture.token)
        #expect(badDay.status == 422)
    }

    @Test func auditSearchAndNotifications() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        _ = try fixture.importWithHeldFile()
        try fixture.store.audit.record(
            account: "uni1-test", actor: "ssh", event: "login", address: "192.0.2.7", detail: "key=X")
        let all = try Curl.request("GET", fixture.base + "/api/v1/audit", token: fixture.token)
        #expect(all.array.first?["event"] as? String == "login")
        let family = try Curl.request("GET", fixture.base + "/api/v1/audit?event=file.", token: fixture.token)
        #expect(
            !family.array.isEmpty && family.array.allSatisfy { ($0["event"] as? String)?.hasPrefix("file.") == true })
        let text = try Curl.request("GET", fixture.base + "/api/v1/audit?q=192.0.2", token: fixture.token)
        #expect(text.array.count == 1)
        let account = try Curl.request(
            "GET", fixture.base + "/api/v1/audit?account=uni1-test&actor=ssh", token: fixture.token)
        #expect(account.array.count == 1)
        let paged = try Curl.request(
            "GET", fixture.base + "/api/v1/audit?limit=1&before=\(all.array[0]["id"] as? Int ?? 0)",
            token: fixture.token)
        #expect(paged.array.count == 1 && paged.array[0]["id"] as? Int != all.array[0]["id"] as? Int)
        let notifications = try Curl.request(
            "GET", fixture.base + "/api/v1/notifications?account=uni1", token: fixture.token)
        #expect(notifications.status == 200 && notifications.array.isEmpty)
    }
}
