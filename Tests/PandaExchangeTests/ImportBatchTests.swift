import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// A batch is processed in the order of spec §5 whatever the upload order; identical content is a
/// duplicate; a re-upload before processing supersedes.
@Suite struct ImportBatchTests {
    @Test func definitionsUploadedAfterTheirUsersStillApplyFirst() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        // Dependents first, definitions last, all before the batch runs.
        try fixture.upload("programuser.csv", Rows.programUser("K1", "P1") + Rows.programUser("K2", "NOPE"))
        try fixture.upload("propertyuserbyid.csv", Rows.propertyUser("K1", "RACE", "BL"))
        try fixture.upload("user.csv", Rows.user("K1") + Rows.user("K2"))
        try fixture.upload("program.csv", Rows.program("P1"))
        try fixture.upload("property.csv", Rows.property("RACE", "BL"))
        let outcomes = try fixture.runBatch()
        #expect(
            outcomes.map(\.entry.name) == [
                "property.csv", "program.csv", "user.csv", "propertyuserbyid.csv", "programuser.csv",
            ])
        #expect(outcomes.map(\.entry.type) == ["Property", "program", "user", "propertyuserbyid", "programuser"])
        let programUser = try #require(outcomes.last?.entry)
        #expect(programUser.counts == FileCounts(read: 2, created: 1, rejected: 1))
        #expect(try fixture.store.files.errors(fileID: programUser.id).map(\.code) == ["undefined_program"])
        #expect(outcomes[3].entry.counts == FileCounts(read: 1, created: 1))
        // Every upload left /inbound; each has a kept copy and two reports.
        #expect(fixture.files("inbound").isEmpty)
        #expect(fixture.files("processed").count == 5)
        #expect(fixture.files("results").count == 10)
        #expect(try fixture.store.importQueue.queued(account: "uni1").isEmpty)
    }

    @Test func identicalContentIsADuplicateAndNotAppliedTwice() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("user.csv", Rows.user("K1"))
        let first = try #require(fixture.runBatch().first?.entry)
        // Changed by hand since, so re-applying would be visible.
        try fixture.upload("fix.csv", Rows.user("K1", last: "Byron"))
        try fixture.runBatch()
        try fixture.upload("user-again.csv", Rows.user("K1"))
        let again = try #require(fixture.runBatch().first?.entry)
        #expect(again.status == .duplicate)
        #expect(again.duplicateOf == first.id)
        #expect(try fixture.users()["K1"]?.lastName == "Byron")
        #expect(fixture.files("inbound").isEmpty)
        #expect(try fixture.reports(again).summary.contains("duplicate"))
    }

    @Test func anUploadQueuedBeforeItsDigestIsImportedAndStillFoundDuplicate() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let bytes = Array(Rows.user("K1").utf8)
        try fixture.upload("user.csv", bytes: bytes, digestKnown: false)
        let first = try #require(fixture.runBatch().first?.entry)
        #expect(first.status == .processed)
        #expect(first.sha256 == Digest.sha256Hex(bytes))
        // The digest computed behind the transfer arrives after the import: kept in the audit, harmless.
        let late = try fixture.upload("again.csv", bytes: bytes, digestKnown: false)
        try fixture.store.uploads.recordDigest(
            uploadID: late, account: "uni1", folder: "inbound", name: "again.csv", size: Int64(bytes.count),
            sha256: Digest.sha256Hex(bytes), at: fixture.clock.now())
        let again = try #require(fixture.runBatch().first?.entry)
        #expect(again.status == .duplicate)
        #expect(again.duplicateOf == first.id)
        let audit = try fixture.store.audit.list(account: "uni1", limit: 100).map(\.detail)
        #expect(audit.contains { $0.contains("again.csv") && $0.contains("sha256=\(Digest.sha256Hex(bytes))") })
    }

    @Test func aReuploadBeforeProcessingSupersedesTheEarlierOne() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let older = try fixture.upload("user.csv", Rows.user("K1", last: "Old"))
        let newer = try fixture.upload("user.csv", Rows.user("K1", last: "New"))
        let outcomes = try fixture.runBatch()
        #expect(outcomes.map(\.entry.status) == [.superseded, .processed])
        #expect(outcomes.map(\.entry.uploadID) == [older, newer])
        #expect(try fixture.users()["K1"]?.lastName == "New")
        let superseded = outcomes[0].entry
        #expect(try fixture.reports(superseded).summary.contains("superseded"))
        #expect(superseded.keptName == nil)
    }

    @Test func aFileErrorRejectsTheWholeFileAndAppliesNothing() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("mixed.csv", Rows.user("K1") + Rows.user("K2") + Rows.program("P1") + Rows.user("K3"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.status == .rejected)
        #expect(entry.problem?.code == "mixed_keywords" && entry.problem?.line == 3)
        #expect(entry.counts.created == 0)
        #expect(try fixture.users().isEmpty)
        #expect(try fixture.reports(entry).errors.contains("mixed_keywords"))
        #expect(try fixture.store.importQueue.queued(account: "uni1").isEmpty)
    }

    @Test func rosterFilesAreNotImportable() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("students.csv", "student,\"K1\"\n")
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.status == .rejected && entry.problem?.code == "not_importable")
    }

    @Test func aWithdrawnUploadIsNotProcessed() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("user.csv", Rows.user("K1"))
        try FileManager.default.removeItem(atPath: fixture.accountRoot + "/inbound/user.csv")
        try fixture.store.uploads.withdraw(account: "uni1", folder: "inbound", name: "user.csv")
        #expect(try fixture.runBatch().isEmpty)
        #expect(try fixture.store.files.list(account: "uni1").isEmpty)
    }

    @Test func aFileReplacedOnDiskAfterQueueingIsLeftToItsOwnUpload() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("user.csv", Rows.user("K1"))
        // The newer bytes are in place, its intake record not written yet (the server's order).
        try Rows.user("K2").write(toFile: fixture.accountRoot + "/inbound/user.csv", atomically: false, encoding: .utf8)
        #expect(try fixture.runBatch().isEmpty)
        #expect(try fixture.users().isEmpty)
    }
}
