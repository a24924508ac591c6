import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// `/validate` uploads and `panda validate --account` report what they would change and change nothing.
@Suite struct ImportDryRunTests {
    @Test func aValidateUploadIsReportedAndChangesNothing() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("user.csv", Rows.user("K1"))
        try fixture.runBatch()
        let before = try fixture.store.records.users(account: "uni1")
        try fixture.upload(
            "dry.csv", Rows.user("K1", last: "Changed") + Rows.user("K2") + Rows.user("K9"), folder: "validate")
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.status == .dryRun && entry.source == .validate)
        #expect(entry.counts == FileCounts(read: 3, created: 1, updated: 1, rejected: 1))
        #expect(try fixture.store.records.users(account: "uni1") == before)
        #expect(fixture.files("validate").isEmpty)
        #expect(try fixture.reports(entry).summary.contains("dry_run"))
        // The same content uploaded for real is applied: a dry run is not a duplicate.
        try fixture.upload("real.csv", Rows.user("K1", last: "Changed") + Rows.user("K2") + Rows.user("K9"))
        #expect(try fixture.runBatch().first?.entry.counts == FileCounts(read: 3, created: 1, updated: 1, rejected: 1))
    }

    @Test func dryRunsSeeDefinitionsOfEarlierDryRunsInTheBatch() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        try fixture.upload("pu.csv", Rows.programUser("K1", "P1"), folder: "validate")
        try fixture.upload("program.csv", Rows.program("P1"), folder: "validate")
        let outcomes = try fixture.runBatch()
        #expect(outcomes.map(\.entry.status) == [.dryRun, .dryRun])
        #expect(outcomes.last?.entry.counts == FileCounts(read: 1, created: 1))
        #expect(try fixture.store.records.programs(account: "uni1").isEmpty)
    }

    @Test func checkRecordsNothing() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let path = try fixture.localFile("user.csv", Rows.user("K1") + Rows.user("K9"))
        let outcome = try fixture.importer.check(atPath: path, account: "uni1")
        #expect(outcome.entry.status == .dryRun)
        #expect(outcome.entry.counts == FileCounts(read: 2, created: 1, rejected: 1))
        #expect(try fixture.users().isEmpty)
        #expect(try fixture.store.files.list(account: "uni1").isEmpty)
        #expect(fixture.files("results").isEmpty && fixture.files("processed").isEmpty)
    }

    @Test func formatCheckWithoutAnAccount() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let path = try fixture.localFile("user.csv", Rows.user("K1") + Rows.user("K2", type: "9") + "nope,1\n")
        let (report, valid) = try FormatCheck.run(path: path, now: Date())
        #expect(valid == 1)
        #expect(report.entry?.counts == FileCounts(read: 3, rejected: 2))
        #expect(report.errors.map(\.code) == ["invalid_code", "unknown_keyword"])
    }
}
