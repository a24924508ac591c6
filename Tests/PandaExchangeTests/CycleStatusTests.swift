import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// A cycle's state as uploads arrive and are processed, the notifications the importer raises, which cycle
/// a file belongs to, the download that marks a cycle retrieved, and coverage.
@Suite struct CycleStatusTests {
    /// A fixture whose Monday 2027-01-04 cycle is published (05:00 New York).
    func publishedMonday() throws -> CycleFixture {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-04", "04:00"))
        fixture.run(until: fixture.local("2027-01-04", "06:00"))
        return fixture
    }

    @Test func statesFollowTheFilesAndTheImporterNotifies() throws {
        let fixture = try publishedMonday()
        #expect(try fixture.status().state == .published)
        try fixture.upload("users.csv", ["K1", "K2", "K3", "K4"].map { Rows.user($0) }.joined())
        #expect(try fixture.status().state == .uploaded)
        try fixture.importUploads()
        #expect(try fixture.status().state == .processed)
        #expect(fixture.notifier.all.isEmpty)

        try fixture.upload("fix.csv", Rows.user("K1", first: "Adele") + Rows.user("K2", type: "7"))
        let withErrors = try #require(try fixture.importUploads().first?.entry)
        #expect(try fixture.status().state == .processedWithErrors)
        let event = try #require(fixture.notifier.of(.fileProcessedWithErrors).first)
        #expect(event.account == "uni1" && event.summary.contains("fix.csv") && event.summary.contains("1 of 2"))
        #expect(event.details.first { $0.0 == "fileId" }?.1 == .int(withErrors.id))
        #expect(event.details.first { $0.0 == "status" }?.1 == .string("processed_with_errors"))
        #expect(event.details.first { $0.0 == "file" }?.1 == .string("fix.csv"))
        #expect(
            event.details.first { $0.0 == "counts" }?.1
                == .object([
                    ("read", .int(2)), ("created", .int(0)), ("updated", .int(1)), ("unchanged", .int(0)),
                    ("skipped", .int(0)), ("rejected", .int(1)),
                ]))

        try fixture.upload("empty.csv", "")
        try fixture.importUploads()
        let rejected = try #require(fixture.notifier.of(.fileRejected).first)
        #expect(rejected.summary.contains("empty.csv was rejected"))
        #expect(rejected.details.first { $0.0 == "problem" }?.1 == .string("empty_file"))

        // Three of four active students deactivated: more than the 20 % threshold.
        try fixture.upload("leavers.csv", ["K1", "K2", "K3"].map { Rows.user($0, status: "2") }.joined())
        try fixture.importUploads()
        #expect(try fixture.status().state == .held)
        let held = try #require(fixture.notifier.of(.fileHeld).first)
        #expect(held.summary.contains("deactivate 3 of 4 active students"))
        #expect(fixture.notifier.all.count == 3)
        #expect(try fixture.status().files.map(\.name) == ["users.csv", "fix.csv", "empty.csv", "leavers.csv"])
        // The day's summary in results follows the processed files.
        fixture.scheduler.tick()
        let summary = try String(
            contentsOfFile: fixture.accountRoot + "/results/cycle-2027-01-04.summary.txt", encoding: .utf8)
        #expect(summary.contains("state         held") && summary.contains("leavers.csv"))
    }

    @Test func dryRunsAndManualImportsNotifyNobody() throws {
        let fixture = try publishedMonday()
        let importer = FileImporter(
            store: fixture.store, dataDirectory: fixture.directory.path, logger: Logger(component: "import"),
            notifier: fixture.notifier)
        let path = fixture.directory.file("bad.csv")
        try "user,K1,a,,Ada,L,,7,1\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(
            try importer.importFile(atPath: path, account: "uni1", asUpload: true).entry.status == .processedWithErrors)
        #expect(fixture.notifier.all.isEmpty)
        // A manual import is not the institution's upload: the cycle stays published.
        #expect(try fixture.status().state == .published)
    }

    @Test func aFileSentAtNightCountsForTheCycleWhoseStudentsFileItAnswers() throws {
        let fixture = try publishedMonday()
        fixture.clock.set(fixture.local("2027-01-05", "03:00"))
        try fixture.upload("users.csv", Rows.user("K1"))
        try fixture.importUploads()
        #expect(try fixture.store.files.latest(account: "uni1", limit: 1).first?.cycleDay == "2027-01-04")
        #expect(try fixture.status().state == .scheduled)  // Tuesday, before its publish time
        #expect(try fixture.status("2027-01-04").state == .processed)
        // Once Tuesday is published, new files are Tuesday's.
        fixture.run(until: fixture.local("2027-01-05", "06:00"))
        try fixture.upload("more.csv", Rows.user("K2"))
        try fixture.importUploads()
        #expect(try fixture.store.files.latest(account: "uni1", limit: 1).first?.cycleDay == "2027-01-05")
        #expect(try fixture.status().state == .processed)
    }

    @Test func aDownloadOfStudentsFileMarksTheCurrentCycleRetrieved() throws {
        let fixture = try publishedMonday()
        let recorder = RetrievalRecorder(store: fixture.store, logger: Logger(component: "t", sink: fixture.logs))
        recorder.studentsFileDownloaded(account: "uni1", at: fixture.local("2027-01-04", "06:10"))
        recorder.studentsFileDownloaded(account: "uni1", at: fixture.local("2027-01-04", "07:00"))
        recorder.flush()
        #expect(try fixture.status().state == .retrieved)
        #expect(try fixture.cycle("2027-01-04")?.retrievedAt == fixture.local("2027-01-04", "06:10"))
        // Missed later, with the download noted.
        fixture.run(until: fixture.local("2027-01-04", "12:00"))
        #expect(try fixture.status().state == .missed)
        #expect(fixture.notifier.of(.cycleMissed).first?.details.first { $0.0 == "retrieved" }?.1 == .bool(true))
    }

    @Test func aDeadlinePassedWithoutAnyRunningSchedulerShowsMissed() throws {
        let fixture = try publishedMonday()
        fixture.clock.set(fixture.local("2027-01-04", "13:00"))
        #expect(try fixture.status().state == .missed)
        #expect(try fixture.cycle("2027-01-04")?.decidedAt == nil)
    }

    @Test func coverageCountsAcceptedRowsPerFileTypeAgainstThePublishedRoster() throws {
        let fixture = try publishedMonday()
        // Added after the publication: not expected in this cycle.
        try fixture.store.roster.add(["K5"], to: "uni1")
        try fixture.upload(
            "users.csv",
            Rows.user("K1") + Rows.user("K2", type: "7") + Rows.user("K3", type: "1", status: "10") + Rows.user("K5"))
        try fixture.upload("program.csv", Rows.program("P1"))
        try fixture.upload("pu.csv", Rows.programUser("K1", "P1") + Rows.programUser("K2", "P1"))
        try fixture.importUploads()
        let status = try fixture.status()
        let coverage = try CycleCoverage.compute(
            account: "uni1", day: status.day, files: status.files, store: fixture.store,
            dataDirectory: fixture.directory.path)
        #expect(coverage.expected == 4 && coverage.expectedSource == "students-2027-01-04.csv")
        #expect(coverage.types.map(\.type) == ["user", "propertyuserbyid", "programuser"])
        let user = coverage.types[0]
        #expect(user.withData == 1 && user.without == ["K2", "K3", "K4"] && user.withoutCount == 3)
        #expect(coverage.types[1].files.isEmpty && coverage.types[1].withoutCount == 4)
        #expect(coverage.types[2].without == ["K3", "K4"])
        let limited = try CycleCoverage.compute(
            account: "uni1", day: status.day, files: status.files, store: fixture.store,
            dataDirectory: fixture.directory.path, listLimit: 1)
        #expect(limited.types[0].without == ["K2"] && limited.types[0].withoutCount == 3)
        let text = CycleSummaryText.render(status, coverage: limited)
        #expect(text.contains("user              1 with data, 3 without"))
        #expect(text.contains("without: K2 and 2 more"))
    }

    @Test func coverageOfAPurgedFileSaysItCannotBeCounted() throws {
        let fixture = try publishedMonday()
        try fixture.upload("users.csv", Rows.user("K1"))
        try fixture.importUploads()
        fixture.clock.set(fixture.local("2027-05-01", "12:00"))
        try RetentionJob(store: fixture.store, dataDirectory: fixture.directory.path, logger: Logger(component: "t"))
            .run(now: fixture.clock.now())
        let status = try fixture.status("2027-01-04")
        let coverage = try CycleCoverage.compute(
            account: "uni1", day: status.day, files: status.files, store: fixture.store,
            dataDirectory: fixture.directory.path)
        #expect(coverage.types[0].unreadable == status.files.map(\.id))
        #expect(CycleSummaryText.render(status, coverage: coverage).contains("purged, not counted"))
    }
}
