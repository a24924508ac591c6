import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// Uploads may change the current roster's students; manual imports the students known to the account.
@Suite struct ImportScopeTests {
    @Test func uploadsApplyOnlyTheCurrentRoster() throws {
        let fixture = try ImportFixture(roster: ["K1"])
        defer { fixture.remove() }
        try fixture.upload("user.csv", Rows.user("K1") + Rows.user("K9"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.counts == FileCounts(read: 2, created: 1, rejected: 1))
        #expect(try fixture.store.files.errors(fileID: entry.id).map(\.code) == ["not_in_roster"])
    }

    @Test func manualImportsApplyStudentsKnownToTheAccount() throws {
        let fixture = try ImportFixture(roster: ["K1", "K2"])
        defer { fixture.remove() }
        // K2 leaves the roster but stays known; K9 was never on it.
        try fixture.store.roster.remove(["K2"], from: "uni1")
        let path = try fixture.localFile("manual.csv", Rows.user("K1") + Rows.user("K2") + Rows.user("K9"))
        let manual = try fixture.importer.importFile(atPath: path, account: "uni1", asUpload: false)
        #expect(manual.entry.source == .manual && manual.entry.scope == .known)
        #expect(manual.entry.counts == FileCounts(read: 3, created: 2, rejected: 1))
        #expect(manual.errors.map(\.code) == ["not_in_records"])
        // --as-upload: the current roster (K1 only) instead.
        let replay = try fixture.localFile("replay.csv", Rows.user("K1", last: "X") + Rows.user("K2", last: "X"))
        let upload = try fixture.importer.importFile(atPath: replay, account: "uni1", asUpload: true)
        #expect(upload.entry.counts == FileCounts(read: 2, updated: 1, rejected: 1))
        #expect(upload.errors.map(\.code) == ["not_in_roster"])
        // The operator's file stays where it was; the kept copy is a copy, not a link.
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(fixture.files("processed").count == 2)
    }

    @Test func aStudentInTheRecordsIsKnownEvenIfNeverOnARoster() throws {
        let fixture = try ImportFixture(roster: ["K1"])
        defer { fixture.remove() }
        let first = try fixture.localFile("a.csv", Rows.user("K1"))
        _ = try fixture.importer.importFile(atPath: first, account: "uni1", asUpload: false)
        try fixture.store.database.write { db in try db.execute("DELETE FROM known_students") }
        let second = try fixture.localFile("b.csv", Rows.user("K1", last: "Changed"))
        #expect(
            try fixture.importer.importFile(atPath: second, account: "uni1", asUpload: false).entry.counts.updated == 1)
    }
}
