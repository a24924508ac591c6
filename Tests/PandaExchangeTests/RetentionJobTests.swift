import Foundation
import PandaCore
import PandaExchange
import PandaStore
import PandaTesting
import Testing

/// Retention removes uploaded files and reports older than the account's retention; ledger entries, counts,
/// records and audit lines stay, and a held file is kept whole.
@Suite struct RetentionJobTests {
    @Test func purgesOldFilesAndReportsAndKeepsTheLedger() throws {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-04", "09:00"))
        try fixture.upload("users.csv", ["K1", "K2", "K3", "K4"].map { Rows.user($0) }.joined())
        let old = try #require(try fixture.importUploads().first?.entry)
        try fixture.upload("leavers.csv", ["K1", "K2", "K3"].map { Rows.user($0, status: "2") }.joined())
        let held = try #require(try fixture.importUploads().first?.entry)
        #expect(held.status == .held)
        // An upload abandoned under a temporary name is never processed.
        try Data("user,K1\n".utf8).write(to: URL(fileURLWithPath: fixture.accountRoot + "/inbound/user.csv.part"))
        fixture.clock.set(fixture.local("2027-03-01", "09:00"))
        try fixture.upload("recent.csv", Rows.user("K4", first: "Recent"))
        let recent = try #require(try fixture.importUploads().first?.entry)
        let processedBefore = fixture.files("processed")
        #expect(processedBefore.count == 3)

        // 2027-04-20 minus 90 days is 2027-01-20: only the January files are older.
        fixture.clock.set(fixture.local("2027-04-20", "09:00"))
        let job = RetentionJob(
            store: fixture.store, dataDirectory: fixture.directory.path, logger: Logger(component: "t"))
        let purged = try job.run(now: fixture.clock.now())
        #expect(purged.map(\.files) == [1])
        #expect(fixture.files("processed") == processedBefore.filter { $0 != old.keptName })
        #expect(
            !fixture.files("results").contains(old.summaryName!) && !fixture.files("results").contains(old.errorsName!))
        for name in [held.summaryName!, held.errorsName!, recent.summaryName!, recent.errorsName!] {
            #expect(fixture.files("results").contains(name))
        }
        #expect(fixture.files("inbound").isEmpty)
        // The entry stays with its counts, marked; the records stay; the purge is audited.
        let entry = try fixture.store.files.get(account: "uni1", id: old.id)
        #expect(entry.purgedAt == fixture.clock.now() && entry.counts == old.counts && entry.status == .processed)
        #expect(try fixture.store.files.get(account: "uni1", id: held.id).purgedAt == nil)
        #expect(try fixture.store.records.users(account: "uni1").count == 4)
        #expect(try fixture.store.audit.list(account: "uni1").contains { $0.event == "files.purge" })
        #expect(try fixture.store.audit.list(account: "uni1").contains { $0.event == "file.import" })
        // Nothing more to do on a second run; a shorter retention reaches the March file.
        #expect(try job.run(now: fixture.clock.now()).isEmpty)
        try fixture.store.accounts.updateSettings("uni1") { $0.retentionDays = 30 }
        #expect(try job.run(now: fixture.clock.now()).map(\.files) == [1])
        #expect(try fixture.store.files.get(account: "uni1", id: recent.id).purgedAt != nil)
        // The held file can still be approved from its kept copy.
        #expect(fixture.files("processed") == [held.keptName!])
    }

    @Test func theSchedulerRunsItOnceADay() throws {
        let fixture = try CycleFixture()
        fixture.clock.set(fixture.local("2027-01-04", "09:00"))
        try fixture.upload("users.csv", Rows.user("K1"))
        try fixture.importUploads()
        fixture.clock.set(fixture.local("2027-04-10", "09:00"))
        fixture.scheduler.tick()
        #expect(fixture.files("processed").isEmpty)
        #expect(try fixture.store.serverSettings.get("retention.last_run") != nil)
        // A file that came due meanwhile waits for the next day's run.
        try fixture.upload("more.csv", Rows.user("K2"))
        try fixture.importUploads()
        fixture.clock.set(fixture.local("2027-07-20", "08:00"))
        try fixture.store.serverSettings.set(
            "retention.last_run", String(fixture.local("2027-07-19", "09:00").millisecondsSince1970))
        fixture.scheduler.tick()
        #expect(fixture.files("processed").count == 1)
        fixture.clock.set(fixture.local("2027-07-20", "09:00"))
        fixture.scheduler.tick()
        #expect(fixture.files("processed").isEmpty)
    }
}
