import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

@Suite struct RosterPublisherTests {
    @Test func publishesAtomicallyWithArchiveCopy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try Store.open(dataDirectory: dir.path)
        _ = try store.institutions.add(
            id: try InstitutionID("uni1"), name: "U", timeZone: "Pacific/Kiritimati", contacts: [],
            environments: [.production])
        try store.roster.add(["K2", "K1"], to: "uni1")
        let publisher = RosterPublisher(store: store, dataDirectory: dir.path)
        let first = try publisher.publish(account: "uni1")
        #expect(first.students == 2)
        let root = dir.path + "/accounts/uni1"
        let content = try String(contentsOfFile: root + "/outbound/students.csv", encoding: .utf8)
        #expect(content == "student,\"K1\"\nstudent,\"K2\"\n")
        #expect(first.sha256 == Digest.sha256Hex(Array(content.utf8)))
        // The archive copy is dated in the account's zone (UTC+14 here), not the server's.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Pacific/Kiritimati")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        #expect(try String(contentsOfFile: root + "/archive/students-\(date).csv", encoding: .utf8) == content)
        // Republishing the same day replaces both; the spool is left empty.
        try store.roster.remove(["K2"], from: "uni1")
        try publisher.publish(account: "uni1")
        #expect(try String(contentsOfFile: root + "/outbound/students.csv", encoding: .utf8) == "student,\"K1\"\n")
        #expect(
            try String(contentsOfFile: root + "/archive/students-\(date).csv", encoding: .utf8) == "student,\"K1\"\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/spool").isEmpty)
        #expect(try store.publications.latest(account: "uni1")?.students == 1)
    }
}
