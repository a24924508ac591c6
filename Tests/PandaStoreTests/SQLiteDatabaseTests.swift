import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

@Suite struct SQLiteDatabaseTests {
    @Test func usesWALAndMigratesOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("panda.sqlite")
        _ = try SQLiteDatabase(path: path)
        let reopened = try SQLiteDatabase(path: path)
        let mode = try reopened.read { try $0.queryOne("PRAGMA journal_mode")?.string(0) }
        #expect(mode == "wal")
        let version = try reopened.read { try $0.queryOne("PRAGMA user_version")?.int(0) }
        #expect(version == Schema.migrations.last?.version)
    }

    @Test func refusesADatabaseFromTheFuture() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("panda.sqlite")
        let db = try SQLiteDatabase(path: path)
        _ = try db.write { try $0.execute("PRAGMA user_version = 999") }
        #expect(throws: StoreError.schemaTooNew(found: 999, known: Schema.migrations.last!.version)) {
            try SQLiteDatabase(path: path)
        }
    }

    @Test func aThrowingWriteLeavesNothingBehind() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try fixture.store.database.write { db in
                try db.execute("INSERT INTO roster (account, student_id, added_at) VALUES ('uni1', 'K1', 0)")
                throw Boom()
            }
        }
        #expect(try fixture.store.roster.list("uni1").isEmpty)
    }

    @Test func errorsNameTheStatementButNotItsValues() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        do {
            _ = try fixture.store.database.write { try $0.execute("INSERT INTO nowhere VALUES (?)", "secret-value") }
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.message.contains("nowhere"))
            #expect(!error.message.contains("secret-value"))
        }
    }

    @Test func concurrentWritersInOneProcessAllLand() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let roster = fixture.store.roster
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            _ = try? roster.add(["S\(i)"], to: "uni1")
        }
        #expect(try roster.count("uni1") == 200)
    }

    @Test func readersRunWhileAWriteIsOpen() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        try fixture.store.roster.add(["K1"], to: "uni1")
        try fixture.store.database.write { db in
            try db.execute("INSERT INTO roster (account, student_id, added_at) VALUES ('uni1', 'K2', 0)")
            // A reader sees the last committed state, without waiting for this transaction.
            #expect(try fixture.store.roster.list("uni1") == ["K1"])
        }
        #expect(try fixture.store.roster.list("uni1") == ["K1", "K2"])
    }
}
