import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

@testable import PandaExchange

/// What a crash leaves between a file's commit and its files on disk is finished at start-up, and what it left
/// in the spill directory is removed.
@Suite struct ImportRecoveryTests {
    @Test func missingReportsAndKeptCopyAreWrittenAtStart() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        let content = Rows.user("K1", password: "secret1") + Rows.user("K9")
        try fixture.upload("user.csv", content)
        let entry = try #require(fixture.runBatch().first?.entry)
        // Simulate the crash: the upload back in /inbound, kept copy and reports gone, entry not finalized.
        for folder in ["results", "processed"] {
            for name in fixture.files(folder) {
                try FileManager.default.removeItem(atPath: fixture.accountRoot + "/\(folder)/\(name)")
            }
        }
        try content.write(toFile: fixture.accountRoot + "/inbound/user.csv", atomically: false, encoding: .utf8)
        try fixture.store.database.write { db in try db.execute("UPDATE files SET finalized = 0") }

        let service = ImportService(
            store: fixture.store, dataDirectory: fixture.directory.path, defaultSettleSeconds: 3600,
            logger: Logger(component: "import", sink: fixture.logs))
        try service.start()
        service.stop(deadline: .seconds(5))

        #expect(fixture.files("inbound").isEmpty)
        #expect(fixture.files("processed") == [entry.keptName!])
        #expect(try !fixture.text("processed", entry.keptName!).contains("secret1"))
        let reports = try fixture.reports(entry)
        #expect(reports.summary.contains("processed_with_errors"))
        #expect(reports.errors.contains("not_in_roster"))
        #expect(try fixture.store.files.unfinalized().isEmpty)
        // Applied once: the records still come from the one file.
        #expect(try fixture.store.files.list(account: "uni1").count == 1)
    }

    @Test func spillFilesACrashLeftAreRemovedAtStart() throws {
        let fixture = try ImportFixture()
        defer { fixture.remove() }
        // A process killed between creating a spill file and unlinking it left one; a running one has its own.
        let folder = fixture.directory.file(SpillDirectory.name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let left = "\(try exitedProcessID())-7.spill"
        let running = "\(getpid())-8.spill"
        for name in [left, running] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("keys".utf8)))
        }
        let service = ImportService(
            store: fixture.store, dataDirectory: fixture.directory.path, defaultSettleSeconds: 3600,
            logger: Logger(component: "import", sink: fixture.logs))
        try service.start()
        service.stop(deadline: .seconds(5))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [running])
    }
}
