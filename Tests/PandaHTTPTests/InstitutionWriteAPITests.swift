import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

/// `POST /api/v1/institutions` onboards as `panda institution add` does, and refuses what it refuses.
@Suite struct InstitutionWriteAPITests {
    @Test func addInstitutionCreatesItsAccountsAndIsAudited() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let added = try fixture.api(
            "POST", "/api/v1/institutions",
            body: #"""
                {"id": "uni2", "name": "University Two", "timeZone": "America/Chicago",
                 "environments": ["production", "test"], "contact": "Ada Lovelace <ada@uni2.edu>",
                 "contacts": ["it@uni2.edu"]}
                """#)
        #expect(added.status == 201, "\(added.text)")
        // The same object GET returns, accounts included.
        let shown = try fixture.api("GET", "/api/v1/institutions/uni2")
        #expect(NSDictionary(dictionary: added.object).isEqual(to: shown.object))
        #expect(added.object["timeZone"] as? String == "America/Chicago")
        #expect(
            (added.object["accounts"] as? [[String: Any]])?.compactMap { $0["username"] as? String } == [
                "uni2", "uni2-test",
            ])

        let institution = try fixture.store.institutions.get("uni2")
        #expect(institution.name == "University Two")
        #expect(
            institution.contacts == [
                Contact(name: "Ada Lovelace", email: "ada@uni2.edu"), Contact(email: "it@uni2.edu"),
            ])
        #expect(try fixture.store.accounts.list(institution: institution.id).map(\.username) == ["uni2", "uni2-test"])
        #expect(try fixture.store.accounts.get("uni2-test").environment == .test)
        let entry = try #require(try fixture.store.audit.list(limit: 1).last)
        #expect(entry.actor == "api:tester" && entry.event == "institution.add" && entry.account == nil)
        #expect(entry.detail == "institution=uni2 accounts=uni2-test,uni2")

        // The defaults of `institution add`: both environments, this machine's time zone; the CLI's spelling
        // of the time zone field is understood too.
        let defaults = try fixture.api("POST", "/api/v1/institutions", body: #"{"id": "uni3", "name": "Three"}"#)
        #expect(defaults.status == 201, "\(defaults.text)")
        #expect(try fixture.store.institutions.get("uni3").timeZone == TimeZone.current.identifier)
        #expect(try fixture.store.accounts.list(institution: InstitutionID("uni3")).count == 2)
        let spelled = try fixture.api(
            "POST", "/api/v1/institutions",
            body: #"{"id": "uni4", "name": "Four", "timezone": "Europe/London", "environments": ["test"]}"#)
        #expect(spelled.status == 201, "\(spelled.text)")
        #expect(try fixture.store.institutions.get("uni4").timeZone == "Europe/London")
        #expect(try fixture.store.accounts.list(institution: InstitutionID("uni4")).map(\.username) == ["uni4-test"])
    }

    @Test func badInstitutionsAreRefusedAndChangeNothing() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let before = try fixture.operatorState()
        let cases: [(body: String, status: Int, code: String, message: String)] = [
            (#"{"id": "uni1", "name": "Again"}"#, 409, "conflict", "institution uni1 already exists"),
            (#"{"id": "Uni 2", "name": "Two"}"#, 422, "invalid_value", "invalid institution id \"Uni 2\""),
            (#"{"id": "uni2-test", "name": "Two"}"#, 422, "invalid_value", "must not end in -test"),
            (#"{"id": "uni2", "name": "  "}"#, 422, "invalid_value", "the institution needs a name"),
            (
                #"{"id": "uni2", "name": "Two", "environments": ["test", "staging"]}"#, 422, "invalid_value",
                "unknown environment \"staging\""
            ),
            (
                #"{"id": "uni2", "name": "Two", "environments": []}"#, 422, "invalid_value",
                "give at least one environment"
            ),
            (
                #"{"id": "uni2", "name": "Two", "timeZone": "Mars/Olympus"}"#, 422, "invalid_value",
                "unknown time zone \"Mars/Olympus\"; use an IANA name"
            ),
            (
                #"{"id": "uni2", "name": "Two", "contact": "nobody"}"#, 422, "invalid_value",
                "invalid e-mail address \"nobody\""
            ),
            (#"{"name": "Two"}"#, 400, "missing_field", "missing field \"id\""),
            (#"{"id": "uni2"}"#, 400, "missing_field", "missing field \"name\""),
            (#"{"id": 2, "name": "Two"}"#, 400, "invalid_field", "field \"id\" must be a string"),
            (#"{"id": "uni2", "name": null}"#, 400, "invalid_field", "field \"name\" must be a string, not null"),
            (
                #"{"id": "uni2", "name": "Two", "environments": "test"}"#, 400, "invalid_field",
                "field \"environments\" must be an array"
            ),
            (
                #"{"id": "uni2", "name": "Two", "environments": [1]}"#, 400, "invalid_field",
                "field \"environments[0]\" must be a string"
            ),
            (
                #"{"id": "uni2", "name": "Two", "timzone": "UTC"}"#, 400, "invalid_field",
                "unknown field \"timzone\"; known: id, name, timeZone"
            ),
            (
                #"{"id": "uni2", "name": "Two", "timeZone": "UTC", "timezone": "UTC"}"#, 400, "invalid_field",
                "give the time zone once"
            ),
            (#"{"id": "uni2", "name": "Two""#, 400, "invalid_json", "not valid JSON"),
            ("", 400, "missing_body", "needs a JSON body"),
        ]
        for (body, status, code, message) in cases {
            try fixture.api("POST", "/api/v1/institutions", body: body).expectError(status, code, message)
        }
        try fixture.expectTokenRequired("POST", "/api/v1/institutions", body: #"{"id": "uni2", "name": "Two"}"#)
        #expect(try fixture.operatorState() == before)
    }
}
