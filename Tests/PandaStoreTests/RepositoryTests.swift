import Foundation
import PandaCore
import PandaStore
import Testing

@Suite struct InstitutionRepositoryTests {
    @Test func onboardingCreatesOneAccountPerEnvironment() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        let accounts = try f.store.accounts.list()
        #expect(accounts.map(\.username) == ["uni1", "uni1-test"])
        #expect(accounts.map(\.environment) == [.production, .test])
        #expect(accounts[0].folders == .standard)
        let institution = try f.store.institutions.get("uni1")
        #expect(institution.contacts == [Contact(name: "Ada", email: "ada@uni.edu")])
        #expect(institution.timeZone == "America/Chicago")
    }

    @Test func aSecondInstitutionWithTheSameIDIsRefusedAndChangesNothing() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        #expect(throws: StoreError.self) {
            try f.store.institutions.add(
                id: try InstitutionID("uni1"), name: "Other", timeZone: "UTC", contacts: [], environments: [.production]
            )
        }
        #expect(try f.store.institutions.get("uni1").name == "University One")
    }

    @Test func unknownInstitutionSaysWhereToLook() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        #expect(throws: StoreError.notFound(what: "institution uni9", hint: "see `panda institution list`")) {
            try f.store.institutions.get("uni9")
        }
    }
}

@Suite struct AccountRepositoryTests {
    @Test func settingsRoundTrip() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        try f.store.accounts.updateSettings("uni1") { s in
            s.publishAt = TimeOfDay(hour: 6, minute: 30)
            s.days = [.monday, .wednesday]
            s.webhookURL = "https://hooks.example.edu/panda"
            s.webhookSecret = "s3cret"
            s.notifyEmails = ["it@uni.edu", "sis@uni.edu"]
            s.settleSeconds = 0
            s.quota = ByteCount(1 << 30)
        }
        let s = try f.store.accounts.get("uni1").settings
        #expect(s.publishAt == TimeOfDay(hour: 6, minute: 30))
        #expect(s.days == [.monday, .wednesday])
        #expect(s.webhookSecret == "s3cret")
        #expect(s.notifyEmails == ["it@uni.edu", "sis@uni.edu"])
        #expect(s.settleSeconds == 0)
        #expect(s.quota.bytes == 1 << 30)
        // The other environment is untouched.
        #expect(try f.store.accounts.get("uni1-test").settings == AccountSettings())
    }
}

@Suite struct KeyRepositoryTests {
    @Test func addListRevoke() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        try f.store.keys.add(f.newKey("SHA256:old"), to: "uni1")
        f.clock.advance(60)
        try f.store.keys.add(f.newKey("SHA256:new"), to: "uni1")
        #expect(try f.store.keys.list("uni1").map(\.fingerprint) == ["SHA256:new", "SHA256:old"])
        let revoked = try f.store.keys.revoke(account: "uni1", fingerprint: "old")
        #expect(revoked.revokedAt == f.clock.now())
        #expect(try f.store.keys.findActive(account: "uni1", fingerprint: "SHA256:old") == nil)
        #expect(try f.store.keys.findActive(account: "uni1", fingerprint: "SHA256:new") != nil)
        #expect(try f.store.keys.list("uni1", includeRevoked: false).count == 1)
    }

    @Test func aKeyIsPerAccount() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        try f.store.keys.add(f.newKey(), to: "uni1")
        try f.store.keys.add(f.newKey(), to: "uni1-test")
        #expect(throws: StoreError.self) { try f.store.keys.add(f.newKey(), to: "uni1") }
        #expect(try f.store.keys.findActive(account: "uni1-test", fingerprint: "SHA256:abc") != nil)
        try f.store.keys.revoke(account: "uni1", fingerprint: "SHA256:abc")
        // Revoking on production leaves the test account's registration working.
        #expect(try f.store.keys.findActive(account: "uni1-test", fingerprint: "SHA256:abc") != nil)
        // A revoked key may be registered again later.
        try f.store.keys.add(f.newKey(), to: "uni1")
    }

    @Test func revokingAnUnknownKeyIsAnError() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        #expect(throws: StoreError.self) { try f.store.keys.revoke(account: "uni1", fingerprint: "SHA256:none") }
        #expect(throws: StoreError.self) { try f.store.keys.add(f.newKey(), to: "uni9") }
    }

    @Test func keyStateAndRefusals() throws {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        var key = RegisteredKey(
            id: 1, account: "uni1", algorithm: .ed25519, bits: 256, fingerprint: "SHA256:x", base64: "", comment: "",
            createdAt: now, expiresAt: now.addingTimeInterval(10), allowedSources: [try CIDR(parsing: "192.0.2.0/24")],
            lastUsedAt: nil, revokedAt: nil)
        #expect(key.refusal(at: now, from: "192.0.2.5") == nil)
        #expect(key.refusal(at: now, from: "198.51.100.1")?.contains("may not be used from") == true)
        #expect(key.state(at: now.addingTimeInterval(10)) == .expired)
        key.revokedAt = now
        #expect(key.refusal(at: now, from: "192.0.2.5")?.contains("revoked") == true)
    }
}

@Suite struct RosterRepositoryTests {
    @Test func addRemoveReplace() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        #expect(try f.store.roster.add(["K3", "K1", "K2", "K1"], to: "uni1") == 3)
        #expect(try f.store.roster.add(["K1"], to: "uni1") == 0)
        #expect(try f.store.roster.remove(["K2", "K9"], from: "uni1") == 1)
        #expect(try f.store.roster.list("uni1") == ["K1", "K3"])
        let change = try f.store.roster.replace(with: ["K3", "K4", "K5"], for: "uni1")
        #expect(change.added == 2 && change.removed == 1)
        #expect(try f.store.roster.list("uni1") == ["K3", "K4", "K5"])
        #expect(try f.store.roster.list("uni1-test").isEmpty)
    }

    @Test func rememberEveryStudentEverListed() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        try f.store.roster.add(["K1", "K2"], to: "uni1")
        _ = try f.store.roster.replace(with: ["K3"], for: "uni1")
        let known = try f.store.database.read { db in
            try db.query("SELECT student_id FROM known_students WHERE account = 'uni1' ORDER BY student_id")
                .map { $0.string(0) }
        }
        #expect(known == ["K1", "K2", "K3"])
    }
}

@Suite struct AuditRepositoryTests {
    @Test func listsNewestEntriesOldestFirst() throws {
        let f = try StoreFixture()
        defer { f.directory.remove() }
        for i in 1...5 {
            try f.store.audit.record(account: i % 2 == 0 ? "uni1" : "uni1-test", actor: "cli", event: "e\(i)")
        }
        #expect(try f.store.audit.list(limit: 3).map(\.event) == ["e3", "e4", "e5"])
        #expect(try f.store.audit.list(account: "uni1").map(\.event) == ["e2", "e4"])
    }
}
