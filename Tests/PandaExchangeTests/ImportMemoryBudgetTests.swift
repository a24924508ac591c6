import Foundation
import PandaCore
import PandaFormats
import PandaStore
import PandaTesting
import Testing

@testable import PandaExchange

/// An import within a tiny memory budget (duplicate keys spilled every four rows, stored fingerprints and the
/// roster read from the store row by row) comes to exactly what it comes to with the standard budget: the
/// same counts, row errors and errors CSV, the same records with the same provenance.
@Suite struct ImportMemoryBudgetTests {
    /// Every lookup through the store; stored keys found beside their loaded fingerprints, the others
    /// spilled; fingerprints and roster loaded, then found over budget and read from the store instead.
    static let tinyBudgets = [
        ImportMemoryBudget(duplicateKeys: 64, duplicateLines: 32, fingerprints: 0, roster: 0),
        ImportMemoryBudget(duplicateKeys: 64, duplicateLines: 32),
        ImportMemoryBudget(duplicateKeys: 64, duplicateLines: 32, fingerprints: 2000, roster: 1000),
    ]
    static let students = (1...40).map { "K\($0)" }

    /// What a file came to, as far as the institution and the records can tell.
    struct Snapshot: Equatable {
        var status: FileStatus
        var counts: FileCounts
        var errorCount: Int
        var errors: [StoredRowError]
        var errorsCSV: String
        var users: [ProvenancedRecord<StoredUser>]
        var propertyValues: [ProvenancedRecord<StoredPropertyValue>]
        var userProperties: [ProvenancedRecord<StoredUserProperty>]
    }

    /// Uploads and processes `files` one batch each with `budget` (or imports them by hand, `manual`): a
    /// snapshot after each, and the log. `rosterAfterFirst` replaces the roster after the first file.
    func run(
        _ files: [String], budget: ImportMemoryBudget, manual: Bool = false, rosterAfterFirst: [String]? = nil
    ) throws -> (snapshots: [Snapshot], log: [String]) {
        let fixture = try ImportFixture(roster: Self.students, budget: budget)
        defer { fixture.remove() }
        _ = try fixture.store.accounts.updateSettings("uni1") { $0.thresholdPercent = 100 }
        var snapshots: [Snapshot] = []
        for (index, content) in files.enumerated() {
            let entry: FileEntry
            if manual && index > 0 {
                let path = try fixture.localFile("file\(index).csv", content)
                entry = try fixture.importer.importFile(atPath: path, account: "uni1", asUpload: false).entry
            } else {
                try fixture.upload("file\(index).csv", content)
                entry = try #require(try fixture.runBatch().first?.entry)
            }
            if index == 0, let roster = rosterAfterFirst {
                _ = try fixture.store.roster.replace(with: roster, for: "uni1")
            }
            snapshots.append(
                Snapshot(
                    status: entry.status, counts: entry.counts, errorCount: entry.errorCount,
                    errors: try fixture.store.files.errors(fileID: entry.id),
                    errorsCSV: try fixture.reports(entry).errors,
                    users: try fixture.store.records.users(account: "uni1"),
                    propertyValues: try fixture.store.records.propertyValues(account: "uni1"),
                    userProperties: try fixture.store.records.userProperties(account: "uni1")))
        }
        // Spill files never have a name: nothing is left behind.
        let spill = fixture.directory.file(SpillDirectory.name)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: spill)) ?? []).isEmpty)
        return (snapshots, fixture.logs.lines)
    }

    /// Runs `files` with the standard budget and the tiny ones and expects the same outcome; the last tiny
    /// budget's snapshots and log.
    @discardableResult
    func expectSameOutcome(
        _ files: [String], manual: Bool = false, rosterAfterFirst: [String]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (snapshots: [Snapshot], log: [String]) {
        let standard = try run(files, budget: .standard, manual: manual, rosterAfterFirst: rosterAfterFirst)
        #expect(!standard.log.contains { $0.contains("file.second_pass") }, sourceLocation: sourceLocation)
        var tiny: (snapshots: [Snapshot], log: [String]) = ([], [])
        for (budget, tinyBudget) in Self.tinyBudgets.enumerated() {
            tiny = try run(files, budget: tinyBudget, manual: manual, rosterAfterFirst: rosterAfterFirst)
            for (index, (expected, found)) in zip(standard.snapshots, tiny.snapshots).enumerated() {
                #expect(found == expected, "budget \(budget), file \(index)", sourceLocation: sourceLocation)
            }
        }
        return tiny
    }

    /// The row errors of a plain validation of `content` (no filter, every key in memory).
    func plainErrors(_ content: String) throws -> [StoredRowError] {
        let validator = FileValidator(source: MemoryByteSource(content), students: StudentSet(Self.students))
        var errors: [StoredRowError] = []
        while let row = try validator.next() { errors += row.errors.map(StoredRowError.init) }
        return errors
    }

    @Test func duplicatesFarApartInANewFile() throws {
        // K1 again 29 rows later; K2 first rejected (its key still counts); K3 three times; K5 twice in a row.
        var rows = Self.students.map { Rows.user($0) }
        rows[1] = Rows.user("K2", email: "not-an-address")
        rows.insert(Rows.user("K1", last: "Later"), at: 30)
        rows.insert(Rows.user("K2", last: "Valid"), at: 20)
        rows.insert(Rows.user("K3", last: "Second"), at: 15)
        rows.append(Rows.user("K3", last: "Third"))
        rows.insert(Rows.user("K5", last: "Again"), at: 5)
        rows.insert(Rows.user("K99"), at: 12)
        let content = rows.joined()
        let tiny = try expectSameOutcome([content])
        #expect(tiny.log.contains { $0.contains("file.second_pass") })
        let snapshot = try #require(tiny.snapshots.first)
        #expect(snapshot.errors == (try plainErrors(content)))
        #expect(snapshot.errors.filter { $0.code == "duplicate_key" }.count == 5)
        #expect(snapshot.users.first { $0.record.userID == "K1" }?.record.lastName == "Lovelace")
    }

    @Test func resentRowsWithDuplicatesOnEitherPath() throws {
        let first = Self.students.map { Rows.user($0) }.joined()
        // In reverse order: changed then unchanged (K4), unchanged three times (K6), unchanged then changed (K1).
        var rows = Self.students.reversed().map { Rows.user($0) }
        rows.insert(Rows.user("K4", last: "Changed"), at: 2)
        rows.insert(Rows.user("K6"), at: 10)
        rows.append(Rows.user("K1", last: "Changed"))
        rows.append(Rows.user("K6"))
        let second = rows.joined()
        let tiny = try expectSameOutcome([first, second])
        let snapshot = try #require(tiny.snapshots.last)
        #expect(snapshot.errors == (try plainErrors(second)))
        #expect(snapshot.counts == FileCounts(read: 44, updated: 1, unchanged: 39, rejected: 4))
        let users = Dictionary(uniqueKeysWithValues: snapshot.users.map { ($0.record.userID, $0.record) })
        #expect(users["K1"]?.lastName == "Lovelace" && users["K4"]?.lastName == "Changed")
    }

    @Test func storedAndNewKeysRepeatedInOneFileWithASecondPass() throws {
        // K1…K20 stored; the next file re-sends them (K3 twice, the second changed), adds K21…K40 (K25 again
        // far apart, after its window was spilled) and K7 once more at the end.
        let first = Self.students.prefix(20).map { Rows.user($0) }.joined()
        var rows = Self.students.map { Rows.user($0) }
        rows.insert(Rows.user("K3", last: "Changed"), at: 10)
        rows.insert(Rows.user("K25", last: "Again"), at: 36)
        rows.append(Rows.user("K7"))
        let second = rows.joined()
        let tiny = try expectSameOutcome([first, second])
        #expect(tiny.log.contains { $0.contains("file.second_pass") })
        let snapshot = try #require(tiny.snapshots.last)
        #expect(snapshot.errors == (try plainErrors(second)))
        #expect(snapshot.errors.map(\.line) == [11, 37, 43])
        #expect(snapshot.counts == FileCounts(read: 43, created: 20, unchanged: 20, rejected: 3))
    }

    @Test func aKeySeenThreeTimesAfterAnUnchangedRowIsReportedOnceEachTime() throws {
        // The first K1 is taken as unchanged; the next two reach the validator: each repeats line 2, once.
        let content = Rows.user("K2") + Rows.user("K1") + Rows.user("K1", last: "X") + Rows.user("K1", last: "Y")
        let tiny = try expectSameOutcome([Rows.user("K1") + Rows.user("K2"), content])
        let snapshot = try #require(tiny.snapshots.last)
        #expect(snapshot.errors.map(\.line) == [3, 4])
        #expect(snapshot.errors.allSatisfy { $0.message.contains("line 2") })
        #expect(snapshot.errors == (try plainErrors(content)))
        #expect(snapshot.errorCount == 2)
    }

    @Test func twoPartKeysFromTheStore() throws {
        let definitions = ["BL", "WH", "AS"].map { Rows.property("RACE", $0) }.joined()
        let values = Self.students.prefix(12).enumerated().map { Rows.propertyUser($1, "RACE", ["BL", "WH"][$0 % 2]) }
        // Reversed; K3 changed before its unchanged row, K7 unchanged twice, K13 new.
        var again = values.reversed().map { $0 }
        again.insert(Rows.propertyUser("K3", "RACE", "AS"), at: 4)
        again.append(Rows.propertyUser("K7", "RACE", "BL"))
        again.append(Rows.propertyUser("K13", "RACE", "AS"))
        let tiny = try expectSameOutcome([definitions, values.joined(), definitions + "\n", again.joined()])
        let snapshot = try #require(tiny.snapshots.last)
        #expect(snapshot.counts == FileCounts(read: 15, created: 1, updated: 1, unchanged: 11, rejected: 2))
        #expect(snapshot.errors.map(\.code) == ["duplicate_key", "duplicate_key"])
        #expect(tiny.snapshots[2].counts.unchanged == 3)
    }

    @Test func studentsOffTheRosterAndManualImports() throws {
        // After the first file the roster keeps K1…K20: K21… are still known (a manual import may change
        // them), K77 never was. Unchanged rows of students off the roster are not unchanged for an upload.
        let first = Self.students.map { Rows.user($0) }.joined()
        let second = ["K3", "K25", "K77", "K39", "K2", "K25"].map { Rows.user($0) }.joined()
        let third = Rows.user("K31", last: "Known") + Rows.user("K77") + Rows.user("K5") + Rows.user("K31")
        let uploads = try expectSameOutcome([first, second], rosterAfterFirst: Array(Self.students.prefix(20)))
        // The second K25 is out of scope and a duplicate (its key counts though the first was rejected).
        let codes = uploads.snapshots[1].errors.map { "\($0.line) \($0.code)" }
        #expect(
            codes == ["2 not_in_roster", "3 not_in_roster", "4 not_in_roster", "6 not_in_roster", "6 duplicate_key"])
        let manual = try expectSameOutcome(
            [first, third], manual: true, rosterAfterFirst: Array(Self.students.prefix(20)))
        let snapshot = try #require(manual.snapshots.last)
        #expect(snapshot.errors.map(\.code) == ["not_in_records", "duplicate_key"])
        #expect(snapshot.counts == FileCounts(read: 4, updated: 1, unchanged: 1, rejected: 2))
    }

    @Test func aFileRejectedWholeAfterSpilledRows() throws {
        let rows = Self.students.map { Rows.user($0) } + [Rows.user("K1"), Rows.program("P1"), Rows.user("K2")]
        let tiny = try expectSameOutcome([rows.joined(), rows.joined() + "\n"])
        #expect(tiny.snapshots.allSatisfy { $0.status == .rejected })
    }
}
