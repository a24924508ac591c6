import Foundation
import PandaCore
import PandaFormats
import PandaStore

/// Which of a cycle's expected students received data in each file type, and which did not (spec §6).
///
/// The expected students are the cycle's students.csv (its archive copy; the current roster when the day
/// was never published). A student received data of a type when an applied file of that type in the cycle
/// has an accepted row for them: rows rejected (listed in the file's errors) or skipped (UserStatus 10) do
/// not count. The rows are read back from each file's kept copy, whose line numbers are those of the upload,
/// so nothing is recorded while importing. A file whose copy retention purged cannot be read any more: it is
/// listed as unreadable.
public struct CycleCoverage: Sendable, Equatable {
    public var day: LocalDate
    /// Students expected in the cycle.
    public var expected: Int
    /// Where they were read from: `students-DAY.csv` or `current roster`.
    public var expectedSource: String
    /// One entry per file type that carries students (`user`, `propertyuserbyid`, `programuser`).
    public var types: [TypeCoverage]

    /// Coverage of one file type.
    public struct TypeCoverage: Sendable, Equatable {
        /// The format's keyword.
        public var type: String
        /// Applied files of the type in the cycle, by id.
        public var files: [Int64]
        /// Of those, files whose kept copy is gone (purged), so their rows could not be counted.
        public var unreadable: [Int64]
        /// Expected students with at least one accepted row.
        public var withData: Int
        /// Expected students without one, in UserID order (the first `listLimit` when one was given).
        public var without: [String]
        /// How many expected students have no data (`without` may list fewer).
        public var withoutCount: Int
    }

    /// Computes the coverage of `day` from the cycle's `files` (the ledger entries with that cycle day);
    /// `listLimit` bounds how many students without data are listed per type (all when nil).
    public static func compute(
        account: String, day: LocalDate, files: [FileEntry], store: Store, dataDirectory: String,
        listLimit: Int? = nil, table: FormatTable = .standard
    ) throws -> CycleCoverage {
        let storage = try AccountStorage(dataDirectory: dataDirectory, username: account)
        let roster = try ExpectedStudents(storage: storage, day: day, store: store, account: account)
        let expected = ByteKeyTable(
            seed: SecureRandom.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }, expectedCount: roster.count)
        try roster.forEach { _ = expected.insert($0) }

        var types: [TypeCoverage] = []
        for format in table.processingOrder where format.type != .student {
            guard let studentField = format.fields.firstIndex(where: { $0.reference == .student }) else { continue }
            let ofType = files.filter { $0.type == format.keyword && $0.status.isApplied }
            var covered = [Bool](repeating: false, count: expected.count)
            var unreadable: [Int64] = []
            for file in ofType {
                let read = try FileRows(file: file, format: format, studentPosition: studentField + 1, store: store)
                    .forEachAcceptedStudent(in: storage) { id in
                        if let entry = expected.find(id) { covered[entry] = true }
                    }
                if !read { unreadable.append(file.id) }
            }
            var without: [String] = []
            var withoutCount = 0
            try roster.forEach { id in
                guard let entry = expected.find(id), !covered[entry] else { return }
                covered[entry] = true  // a UserID listed twice is counted once
                withoutCount += 1
                if listLimit.map({ without.count < $0 }) ?? true { without.append(String(decoding: id, as: UTF8.self)) }
            }
            types.append(
                TypeCoverage(
                    type: format.keyword, files: ofType.map(\.id), unreadable: unreadable,
                    withData: expected.count - withoutCount, without: without, withoutCount: withoutCount))
        }
        return CycleCoverage(day: day, expected: expected.count, expectedSource: roster.source, types: types)
    }
}

/// The students a cycle expected: its students.csv as published (the archive copy), else the roster now.
private struct ExpectedStudents {
    let storage: AccountStorage
    let archiveName: String
    let roster: [String]?
    let count: Int

    init(storage: AccountStorage, day: LocalDate, store: Store, account: String) throws {
        self.storage = storage
        archiveName = "students-\(day).csv"
        if let info = try storage.archive.status(of: archiveName) {
            roster = nil
            // A students.csv line is at least 11 bytes: a size hint, not a count.
            count = Int(info.st_size / 11) + 1
        } else {
            let ids = try store.roster.list(account)
            roster = ids
            count = ids.count
        }
    }

    var source: String { roster == nil ? archiveName : "current roster" }

    /// Calls `body` with each expected UserID's bytes, in UserID order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if let roster {
            for var id in roster { try id.withUTF8(body) }
            return
        }
        let fd = try storage.archive.openFile(archiveName, flags: O_RDONLY)
        defer { close(fd) }
        let reader = CSVReader(
            source: FileDescriptorByteSource(descriptor: fd), limits: CSVLimits(maximumFileSize: .max))
        while let row = try reader.next() {
            guard row.problem == nil, row.fieldCount == 2 else { continue }
            try row.withField(1, body)
        }
    }
}

/// The accepted rows of one applied file, read back from its kept copy.
private struct FileRows {
    let file: FileEntry
    let format: RecordFormat
    let studentPosition: Int
    let store: Store

    /// Calls `body` with the UserID of each accepted row; false when the kept copy (or, for a file with more
    /// errors than the ledger keeps, its errors CSV) is gone.
    func forEachAcceptedStudent(
        in storage: AccountStorage, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws -> Bool {
        guard file.purgedAt == nil, let kept = file.keptName, try storage.processed.status(of: kept) != nil,
            let rejected = try rejectedLines(storage)
        else { return false }
        let skip = format.skipRule.flatMap { rule in format.position(of: rule.field).map { ($0, rule.value) } }
        let fd = try storage.processed.openFile(kept, flags: O_RDONLY)
        defer { close(fd) }
        let reader = CSVReader(
            source: FileDescriptorByteSource(descriptor: fd), limits: CSVLimits(maximumFileSize: .max))
        let keyword = format.keyword.lowercased()
        while let row = try reader.next() {
            guard row.problem == nil, row.fieldCount == format.rowFieldCount, !rejected.contains(row.line),
                row.string(at: 0).lowercased() == keyword
            else { continue }
            if let (position, value) = skip, row.string(at: position) == value { continue }
            row.withField(studentPosition, body)
        }
        return true
    }

    /// Lines with a row error: from the ledger when it holds all of them, else from the errors CSV.
    private func rejectedLines(_ storage: AccountStorage) throws -> Set<Int>? {
        if file.errorCount <= FileLedgerRepository.storedErrorLimit {
            return Set(try store.files.errors(fileID: file.id).map(\.line))
        }
        guard let name = file.errorsName, try storage.results.status(of: name) != nil else { return nil }
        let fd = try storage.results.openFile(name, flags: O_RDONLY)
        defer { close(fd) }
        let reader = CSVReader(
            source: FileDescriptorByteSource(descriptor: fd), limits: CSVLimits(maximumFileSize: .max))
        var lines = Set<Int>()
        while let row = try reader.next() {
            if row.fieldCount > 0, let line = Int(row.string(at: 0)) { lines.insert(line) }
        }
        return lines
    }
}
