import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

/// `POST …/cycles/publish` publishes students.csv as `panda cycle publish` does: on disk with its archive copy,
/// recorded and audited.
@Suite struct PublishAPITests {
    @Test func publishWritesStudentsCSVAndItsArchiveNow() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try fixture.store.roster.add(["K2", "K1", "K3"], to: "uni1")
        // The institution's zone is UTC in the fixture (the day is read on both sides of the request: midnight).
        let dayBefore = LocalDate(Date(), in: .gmt).description
        let answer = try fixture.api("POST", "/api/v1/accounts/uni1/cycles/publish")
        let dayAfter = LocalDate(Date(), in: .gmt).description
        #expect(answer.status == 200, "\(answer.text)")
        let today = try #require(answer.object["date"] as? String)
        #expect(today == dayBefore || today == dayAfter)
        #expect(answer.object["account"] as? String == "uni1" && answer.object["students"] as? Int == 3)
        #expect(answer.object["path"] as? String == "/outbound/students.csv")
        #expect(answer.object["archivePath"] as? String == "/outbound/archive/students-\(today).csv")
        let cycle = try #require(answer.object["cycle"] as? [String: Any])
        #expect(cycle["account"] as? String == "uni1" && cycle["day"] as? String == today)
        #expect(cycle["state"] as? String != nil && cycle["files"] as? [Any] != nil)

        let root = fixture.directory.path + "/accounts/uni1"
        let expected = "student,\"K1\"\nstudent,\"K2\"\nstudent,\"K3\"\n"
        #expect(try String(contentsOfFile: root + "/outbound/students.csv", encoding: .utf8) == expected)
        #expect(try String(contentsOfFile: root + "/archive/students-\(today).csv", encoding: .utf8) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/spool").isEmpty)
        let publication = try #require(try fixture.store.publications.latest(account: "uni1"))
        #expect(publication.students == 3 && publication.localDate == today)
        #expect(publication.sha256 == Digest.sha256Hex(Array(expected.utf8)))
        #expect(answer.object["sha256"] as? String == publication.sha256)
        #expect(try fixture.store.publications.latest(account: "uni1-test") == nil)
        let entry = try #require(try fixture.store.audit.list(account: "uni1").last)
        #expect(entry.actor == "api:tester" && entry.event == "roster.publish")
        #expect(entry.detail == "date=\(today) students=3 sha256=\(publication.sha256)")

        // Publishing again replaces both files with the current roster.
        try fixture.store.roster.remove(["K3"], from: "uni1")
        let again = try fixture.api("POST", "/api/v1/accounts/uni1/cycles/publish")
        #expect(again.status == 200 && again.object["students"] as? Int == 2)
        #expect(
            try String(contentsOfFile: root + "/outbound/students.csv", encoding: .utf8)
                == "student,\"K1\"\nstudent,\"K2\"\n")
        #expect(
            try String(contentsOfFile: root + "/archive/students-\(today).csv", encoding: .utf8)
                == "student,\"K1\"\nstudent,\"K2\"\n")
    }

    @Test func publishingIsRefusedForAnUnknownAccountOrWithoutAToken() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        try fixture.store.roster.add(["K1"], to: "uni1")
        let before = try fixture.operatorState()
        try fixture.api("POST", "/api/v1/accounts/nope/cycles/publish").expectError(
            404, "not_found", "account nope does not exist")
        try fixture.api("GET", "/api/v1/accounts/uni1/cycles/publish").expectError(
            405, "method_not_allowed", "use POST")
        try fixture.expectTokenRequired("POST", "/api/v1/accounts/uni1/cycles/publish")
        #expect(try fixture.operatorState() == before)
        let accounts = fixture.directory.path + "/accounts"
        #expect(!FileManager.default.fileExists(atPath: accounts + "/nope"))
        #expect(!FileManager.default.fileExists(atPath: accounts + "/uni1/outbound/students.csv"))
    }
}
