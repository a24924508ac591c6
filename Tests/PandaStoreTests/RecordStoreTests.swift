import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Testing

/// Records and the file ledger (migration 2), through the SQLite driver's prepared statements and through
/// the portable fallback every other driver gets.
@Suite struct RecordStoreTests {
    /// Hides the SQLite driver's own prepared statements, so `prepared(_:)` falls back to the buffered one.
    struct PortableConnection: SQLConnection {
        let base: any SQLConnection
        func execute(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int { try base.execute(sql, arguments) }
        func forEach(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
            try base.forEach(sql, arguments, body)
        }
        var lastInsertID: Int64 { base.lastInsertID }
    }

    static let day = "2026-12-04"

    func writeUsers(_ fixture: StoreFixture, portable: Bool, fileID: Int64, _ users: [StoredUser]) throws
        -> [RecordChange]
    {
        try fixture.store.database.write { db in
            let connection: any SQLConnection = portable ? PortableConnection(base: db) : db
            let writer = RecordWriter(
                connection: connection, account: "uni1", fileID: fileID, cycleDay: Self.day, at: Date())
            return try users.enumerated().map {
                try writer.write($1, fingerprint: Int64($1.lastName.count), line: $0 + 1).change
            }
        }
    }

    func user(_ id: String, last: String = "Lovelace", status: Int = 1, email: String? = nil) -> StoredUser {
        StoredUser(
            userID: id, username: nil, firstName: "Ada", lastName: last, email: email, userType: 2, userStatus: status)
    }

    @Test(arguments: [false, true]) func usersAreCreatedUpdatedOrLeftAlone(portable: Bool) throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        #expect(
            try writeUsers(fixture, portable: portable, fileID: 1, [user("K1"), user("K2")]) == [.created, .created])
        #expect(
            try writeUsers(fixture, portable: portable, fileID: 2, [user("K1"), user("K2", last: "Byron"), user("K3")])
                == [.unchanged, .updated, .created])
        // A nil and an empty e-mail differ; status is compared too.
        #expect(
            try writeUsers(fixture, portable: portable, fileID: 3, [user("K1", email: ""), user("K3", status: 2)])
                == [.updated, .updated])
        let users = try fixture.store.records.users(account: "uni1")
        #expect(users.map(\.record.lastName) == ["Lovelace", "Byron", "Lovelace"])
        #expect(users.map(\.provenance.fileID) == [3, 2, 3])
        #expect(users.map(\.provenance.line) == [1, 2, 2])
        #expect(users[0].record.email == "")
    }

    @Test func anUnchangedRecordGetsTheCurrentFingerprint() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        func fingerprints() throws -> [Int64] {
            try fixture.store.database.read { db in
                var hashes: [Int64] = []
                try RecordRepository.forEachFingerprint(of: .users, account: "uni1", in: db) { _, _, hash in
                    hashes.append(hash)
                }
                return hashes
            }
        }
        try fixture.store.database.write { db in
            let writer = RecordWriter(connection: db, account: "uni1", fileID: 1, cycleDay: Self.day, at: Date())
            _ = try writer.write(user("K1"), fingerprint: 7, line: 1)
        }
        #expect(try fingerprints() == [7])
        let change = try fixture.store.database.write { db in
            let writer = RecordWriter(connection: db, account: "uni1", fileID: 2, cycleDay: Self.day, at: Date())
            return try writer.write(user("K1"), fingerprint: 8, line: 1).change
        }
        #expect(change == .unchanged)
        #expect(try fingerprints() == [8])
        // Unchanged keeps the provenance of the last change.
        #expect(try fixture.store.records.users(account: "uni1").first?.provenance.fileID == 1)
    }

    @Test func deactivationIsReported() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        _ = try writeUsers(fixture, portable: false, fileID: 1, [user("K1"), user("K2", status: 0)])
        let deactivated = try fixture.store.database.write { db in
            let writer = RecordWriter(connection: db, account: "uni1", fileID: 2, cycleDay: Self.day, at: Date())
            return [
                try writer.write(user("K1", status: 3), fingerprint: 1, line: 1).deactivated,
                try writer.write(user("K2", status: 2), fingerprint: 2, line: 2).deactivated,
            ]
        }
        #expect(deactivated == [true, false])
    }

    @Test func ledgerEntriesRoundTrip() throws {
        let fixture = try StoreFixture()
        defer { fixture.directory.remove() }
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        var entry = FileEntry(
            id: 0, account: "uni1", uploadID: nil, source: .manual, scope: .known, name: "user.csv", type: "user",
            sha256: "ab", size: 10, uploadedAt: now, processedAt: now, cycleDay: Self.day, status: .processedWithErrors,
            counts: FileCounts(read: 3, created: 1, rejected: 2), errorCount: 1200,
            changes: FileChanges(activeStudents: 5, deactivated: 1, thresholdPercent: 20),
            summaryName: "user.csv.20261204T000000Z.summary.txt", errorsName: "user.csv.20261204T000000Z.errors.csv")
        let errors = (1...1200).map {
            StoredRowError(line: $0, code: "invalid_code", field: "UserType", message: "m", record: "user,K\($0)")
        }
        try fixture.store.database.write { db in
            entry.id = try FileLedgerRepository.nextID(in: db)
            try FileLedgerRepository.insert(entry, errors: errors, in: db)
        }
        let read = try fixture.store.files.get(account: "uni1", id: entry.id)
        #expect(read == entry)
        // Only the first errors are kept in the database.
        #expect(try fixture.store.files.errors(fileID: entry.id).count == FileLedgerRepository.storedErrorLimit)
        #expect(try fixture.store.files.latest(account: "uni1", name: "user.csv") == entry)
        #expect(try fixture.store.files.unfinalized().map(\.id) == [entry.id])
        try fixture.store.files.markFinalized(id: entry.id)
        #expect(try fixture.store.files.unfinalized().isEmpty)
        // Same content: only applied (or held) files count.
        let same = try fixture.store.database.read { db in
            try FileLedgerRepository.sameContent(account: "uni1", sha256: "ab", in: db)
        }
        #expect(same == entry.id)
        #expect(throws: StoreError.self) { try fixture.store.files.get(account: "uni1-test", id: entry.id) }
    }
}
