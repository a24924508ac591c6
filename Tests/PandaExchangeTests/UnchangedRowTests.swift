import Foundation
import PandaCore
import PandaFormats
import PandaStore
import PandaTesting
import Testing

@testable import PandaExchange

/// Re-sent unchanged rows are recognized by their fingerprint and not validated again, with the same
/// outcome as if they had been: counts, duplicate keys, scope, line numbers, masking.
@Suite struct UnchangedRowTests {
    /// K1…K4 imported once, so the next files meet stored fingerprints.
    func importedFixture() throws -> ImportFixture {
        let fixture = try ImportFixture()
        try fixture.upload("user.csv", ["K1", "K2", "K3", "K4"].map { Rows.user($0) }.joined())
        try fixture.runBatch()
        return fixture
    }

    @Test func fingerprintsOfRowsAndRecordsAgree() throws {
        let rows = [
            Rows.user("K1", email: "a@b.edu", password: "pw"),
            Rows.property("RACE", "BL", label: "Black, or African American"),
            Rows.propertyUser("K1", "RACE", "BL"), "program,P1,,\"Title\nnext line\",\n",
        ]
        for text in rows {
            let validator = FileValidator(source: MemoryByteSource(text))
            let validated = try #require(try validator.next())
            let record = try #require(validated.record)
            let reader = CSVReader(source: MemoryByteSource(text))
            let row = try #require(try reader.next())
            let format = try #require(validator.format)
            #expect(RecordFingerprint.of(row: row, format: format) == RecordFingerprint.of(record), "\(text)")
        }
        // The password is not part of it; every stored field is.
        func fingerprint(_ text: String) throws -> Int64? {
            try FileValidator(source: MemoryByteSource(text)).next()?.record.flatMap(RecordFingerprint.of)
        }
        #expect(try fingerprint(Rows.user("K1", password: "a")) == fingerprint(Rows.user("K1", password: "b")))
        #expect(try fingerprint(Rows.user("K1")) != fingerprint(Rows.user("K1", status: "2")))
    }

    @Test func identicalRowsAreUnchangedWithoutValidation() throws {
        let fixture = try importedFixture()
        defer { fixture.remove() }
        let before = try fixture.store.records.users(account: "uni1")
        // CRLF and other quoting: other bytes, the same fields.
        try fixture.upload(
            "again.csv", "USER,K1,k1,,Ada,Lovelace,,2,1\r\n" + Rows.user("K2") + "\n\n" + Rows.user("K3", last: "Byron")
        )
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.counts == FileCounts(read: 3, updated: 1, unchanged: 2))
        let after = try fixture.store.records.users(account: "uni1")
        #expect(after.filter { $0.record.userID != "K3" } == before.filter { $0.record.userID != "K3" })
        #expect(after.first { $0.record.userID == "K3" }?.provenance.line == 5)
    }

    @Test func aKeyRepeatedAfterAnUnchangedRowIsADuplicate() throws {
        let fixture = try importedFixture()
        defer { fixture.remove() }
        try fixture.upload(
            "dup.csv",
            Rows.user("K1") + Rows.user("K1") + Rows.user("K2") + Rows.user("K2", last: "Changed")
                + Rows.user("K3", last: "Changed") + Rows.user("K3"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.counts == FileCounts(read: 6, updated: 1, unchanged: 2, rejected: 3))
        let errors = try fixture.store.files.errors(fileID: entry.id)
        #expect(errors.map(\.code) == ["duplicate_key", "duplicate_key", "duplicate_key"])
        #expect(errors.map(\.line) == [2, 4, 6])
        #expect(errors.first?.message.contains("already appears on line 1") == true)
        #expect(errors[1].message.contains("line 3") && errors[2].message.contains("line 5"))
        // The first row of each key counts: K2 keeps its name, K3 changed.
        let users = try fixture.users()
        #expect(users["K2"]?.lastName == "Lovelace" && users["K3"]?.lastName == "Changed")
    }

    @Test func aStudentNoLongerOnTheRosterIsRejectedEvenIfUnchanged() throws {
        let fixture = try importedFixture()
        defer { fixture.remove() }
        try fixture.store.roster.remove(["K2"], from: "uni1")
        try fixture.upload("again.csv", Rows.user("K1") + Rows.user("K2"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.counts == FileCounts(read: 2, unchanged: 1, rejected: 1))
        #expect(try fixture.store.files.errors(fileID: entry.id).map(\.code) == ["not_in_roster"])
    }

    @Test func lineNumbersAndFileErrorsAfterUnchangedRows() throws {
        let fixture = try importedFixture()
        defer { fixture.remove() }
        try fixture.upload(
            "mixed.csv",
            Rows.user("K1") + "user,\"K2\",\"k2\",\"\",\"Ada\",\"Love\nlace\",\"\",\"2\",\"1\"\n" + Rows.user("K3")
                + Rows.user("K4", type: "7") + Rows.program("P1"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.status == .rejected)
        #expect(entry.problem?.code == "mixed_keywords" && entry.problem?.line == 6)
        // Errors after rows taken as unchanged have the lines and codes a plain validation gives.
        let content =
            Rows.user("K1") + "\n" + Rows.user("K2") + "user,K3,\"broken\n" + Rows.user("K4", type: "7") + "user,K9\n"
            + Rows.user("K3") + Rows.user("K4", type: "7")
        try fixture.upload("errors.csv", content)
        let second = try #require(fixture.runBatch().first?.entry)
        let errors = try fixture.store.files.errors(fileID: second.id)
        let direct = FileValidator(
            source: MemoryByteSource(content), students: StudentSet(["K1", "K2", "K3", "K4", "K5", "K6"]))
        var expected: [StoredRowError] = []
        while let row = try direct.next() { expected += row.errors.map(StoredRowError.init) }
        #expect(errors == expected)
        #expect(errors.count >= 3)
        #expect(second.counts.read == direct.counts.read)
    }

    @Test func anUnchangedRowWithAPasswordIsMaskedInTheKeptCopy() throws {
        let fixture = try importedFixture()
        defer { fixture.remove() }
        try fixture.upload("again.csv", Rows.user("K1", password: "hunter2") + Rows.user("K2"))
        let entry = try #require(fixture.runBatch().first?.entry)
        #expect(entry.counts.unchanged == 2)
        let kept = try fixture.text("processed", try #require(entry.keptName))
        #expect(!kept.contains("hunter2") && kept.contains("***"))
    }

    @Test func theSplitterReadsFieldsAsTheReaderDoes() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["", "a", "K1", " x ", "\"q\"\"uote\"", "\"a,b\"", "\"\"", "é", "\"line\nbreak\"", "\"\"\"\""]
        let splitter = RawRowSplitter(capacity: 8)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...9, using: &generator)
            let line = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: ",")
            // An empty line is no row at all.
            guard let row = try CSVReader(source: MemoryByteSource(line + "\n")).next(), row.problem == nil,
                !row.isBlank
            else { continue }
            #expect(splitter.split(row.raw), "\(line)")
            let split = (0..<splitter.count).map { String(decoding: splitter.field($0), as: UTF8.self) }
            #expect(split == row.fields, "\(line)")
        }
    }

    @Test func throughTheFilterTheValidatorSeesTheSameRows() throws {
        // Rows the filter leaves alone reach the validator exactly as in the file: same lines, outcomes, echoes.
        let text =
            "\u{FEFF}user,K1,a,,Ada,L,,2,1\r\nheader,x\n\nuser,\"K2\",\"a\"\"b\",,A,B,,2,1\nuser,K3,\"open\nstill\",,A,B,,2,1\n"
            + "user,K4,a\"b,,A,B,,2,1\nuser,K5,a,,A,B,,2,10\nuser,K6,a,,A,B,,9,1\nuser,K1,a,,Ada,L,,2,1\nuser,\"K7"
        func rows(_ validator: FileValidator) throws -> [String] {
            var out: [String] = []
            while let row = try validator.next() {
                out.append("\(row.line) \(row.outcome) \(String(decoding: row.maskedRecord, as: UTF8.self))")
            }
            return out
        }
        let direct = try rows(FileValidator(source: MemoryByteSource(text)))
        let format = try #require(FormatTable.standard.format(.user))
        let index = FingerprintIndex()
        // No stored fingerprint matches, so nothing is taken as unchanged.
        Array("K1".utf8).withUnsafeBufferPointer { index.insert($0, nil, fingerprint: 42) }
        let filter = UnchangedRowFilter(
            reader: CSVReader(source: MemoryByteSource(text)), format: format, fingerprints: index, students: nil,
            registry: FileKeyRegistry(
                index: SpillingKeyIndex(budget: 4096) { throw CancellationError() }, stored: index,
                duplicates: DuplicateLineList(budget: 64) { throw CancellationError() }))
        let filtered = try rows(FileValidator(reader: CSVReader(source: filter.source)))
        #expect(filtered == direct)
        #expect(filter.unchanged == 0)
    }
}
