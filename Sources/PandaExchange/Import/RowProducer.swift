import Foundation
import PandaCore
import PandaFormats
import PandaStore

/// What reading and validating a file found, besides the rows it handed to the writer.
struct ProducerResult: Sendable {
    var counts = ValidationCounts()
    /// Row errors (a row may have several).
    var errorCount = 0
    /// The first `FileLedgerRepository.storedErrorLimit` row errors.
    var firstErrors: [RowError] = []
    /// Why the whole file is rejected, if it is.
    var problem: FileProblem?
    var format: RecordFormat?
    /// SHA-256 of every byte read (the whole file).
    var sha256 = ""
    /// Whether any row had a secret to mask (the kept copy must then be a masked copy, not the original).
    var needsMasking = false
    /// Definitions made by accepted `Property` and `program` rows (for dry runs later in the batch).
    var definitions = DefinitionSet()
    /// A failure that is not the file's fault (reading, writing the errors CSV): retry later.
    var failure: String?
    /// Rows recognized as unchanged before validation (`UnchangedRowFilter`); never sent to the writer.
    var unchangedRows = 0
    /// Set when some `duplicate_key` answers were not exact (a key also appeared in a part of the file
    /// spilled before): every duplicate of the file, for a second pass that gets them all right.
    var duplicatesForSecondPass: DuplicateLineList?
}

/// Reads and validates one file on its own thread, sends accepted rows to the writer through a
/// `RowChannel`, and writes every row error to the errors CSV as it goes.
struct RowProducer: Sendable {
    let descriptor: Int32
    let limits: CSVLimits
    /// The students rows may change; nil checks none (a format check of a local file).
    let students: Students?
    let definitions: DefinitionSet?
    /// Spool file for the errors CSV; nil writes none (`panda validate`).
    let errorsFile: ErrorsCSVSink?
    /// The file's format and the stored fingerprints of its kind of record, to pass over unchanged rows.
    var fastPath: FastPath?
    /// How duplicate keys are found.
    var duplicateKeys = DuplicateKeySource.inMemory

    struct FastPath: Sendable {
        let format: RecordFormat
        let fingerprints: Fingerprints

        enum Fingerprints: Sendable {
            /// Loaded (they fit the budget).
            case memory(FingerprintIndex)
            /// Read from the store as the file goes, on a read connection of the producer's own.
            case store(FingerprintedRecords, account: String, database: any Database)
        }
    }

    enum Students: Sendable {
        /// Loaded (they fit the budget).
        case loaded(StudentIndex)
        /// Read from the store as the file goes, on a read connection of the producer's own.
        case store(StudentScopeKind, account: String, database: any Database)
    }

    /// Where `duplicate_key` answers come from.
    enum DuplicateKeySource: Sendable {
        /// The validator's own index, in memory (a format check of a local file).
        case inMemory
        /// A `SpillingKeyIndex` within the budget, spilling to the directory it opens.
        case bounded(ImportMemoryBudget, directory: @Sendable () throws -> SpillDirectory)
        /// A second pass: every duplicate the first pass found.
        case known(DuplicateLineList)
    }

    static let chunkSize = 512

    /// Runs on a new thread; `completion` gets the result after the channel is finished.
    func start(into channel: RowChannel, completion: @escaping @Sendable (ProducerResult) -> Void) {
        Thread.detachNewThread {
            let result = run(into: channel)
            channel.finish()
            completion(result)
        }
    }

    func run(into channel: RowChannel) -> ProducerResult {
        var database: (any Database)?
        if case .store(_, _, let store)? = fastPath?.fingerprints { database = store }
        if case .store(_, _, let store)? = students { database = store }
        guard let database else {
            var fingerprints: FingerprintIndex?
            if case .memory(let index)? = fastPath?.fingerprints { fingerprints = index }
            var loaded: StudentIndex?
            if case .loaded(let index)? = students { loaded = index }
            return read(into: channel, fingerprints: fingerprints, students: (loaded, loaded))
        }
        do {
            // The write transaction holds the lock and this reader cannot see its rows: what it reads is what
            // was stored before the file, as a loaded index would have it.
            return try database.read { db in try read(into: channel, through: db) }
        } catch {
            var result = ProducerResult()
            result.failure = "reading the store failed: \(error)"
            return result
        }
    }

    /// `read` with what does not fit the budget read through `db`, closed before the read transaction ends.
    private func read(into channel: RowChannel, through db: any SQLConnection) throws -> ProducerResult {
        var fingerprints: (any StoredFingerprints)?
        var cursors: [StudentCursor] = []
        var fingerprintCursor: FingerprintCursor?
        switch fastPath?.fingerprints {
        case .memory(let index):
            fingerprints = index
        case .store(let kind, let account, _):
            let cursor = FingerprintCursor(try RecordRepository.fingerprintCursor(of: kind, account: account, in: db))
            fingerprintCursor = cursor
            fingerprints = cursor
        case nil:
            break
        }
        let scope: (validator: (any StudentLookup)?, filter: (any StudentLookup)?)
        switch students {
        case .loaded(let index):
            scope = (index, index)
        case .store(let kind, let account, _):
            // The validator and the filter walk the roster each at its own place in the file.
            cursors = [
                try StudentCursor.open(kind, account: account, in: db),
                try StudentCursor.open(kind, account: account, in: db),
            ]
            scope = (cursors[0], cursors[1])
        case nil:
            scope = (nil, nil)
        }
        defer {
            fingerprintCursor?.close()
            for cursor in cursors { cursor.close() }
        }
        var result = read(into: channel, fingerprints: fingerprints, students: scope)
        let failures = [fingerprintCursor?.failure] + cursors.map(\.failure)
        if let failure = failures.compactMap({ $0 }).first { result.failure = result.failure ?? failure }
        return result
    }

    private func read(
        into channel: RowChannel, fingerprints: (any StoredFingerprints)?,
        students: (validator: (any StudentLookup)?, filter: (any StudentLookup)?)
    ) -> ProducerResult {
        var result = ProducerResult()
        // A second pass reads the file again from its start.
        lseek(descriptor, 0, SEEK_SET)
        let hasher = SHA256Hasher()
        var source = HashingByteSource(descriptor: descriptor, hasher: hasher)
        let registry: FileKeyRegistry?
        switch duplicateKeys {
        case .inMemory:
            registry = nil
        case .bounded(let budget, let directory):
            registry = FileKeyRegistry(
                index: SpillingKeyIndex(budget: budget.duplicateKeys, directory: directory),
                stored: fingerprints as? FingerprintIndex,
                duplicates: DuplicateLineList(budget: budget.duplicateLines, directory: directory))
        case .known(let duplicates):
            registry = FileKeyRegistry(secondPass: duplicates)
        }
        let keys = registry.map { DuplicateKeys.detector($0) } ?? .inMemory
        let validator: FileValidator
        var filter: UnchangedRowFilter?
        if let fastPath, let fingerprints, let registry {
            let unchanged = UnchangedRowFilter(
                reader: CSVReader(source: source, limits: limits), format: fastPath.format, fingerprints: fingerprints,
                students: students.filter, registry: registry)
            filter = unchanged
            // The filter's reader enforces the file size; the validator reads what it hands over.
            var inner = limits
            inner.maximumFileSize = .max
            validator = FileValidator(
                reader: CSVReader(source: unchanged.source, limits: inner), students: students.validator,
                definitions: definitions, duplicateKeys: keys)
        } else {
            validator = FileValidator(
                source: source, limits: limits, students: students.validator, definitions: definitions,
                duplicateKeys: keys)
        }
        var chunk: [AcceptedRow] = []
        chunk.reserveCapacity(Self.chunkSize)
        var checkedFormat = false
        var masksSecrets = false
        var cancelled = false
        func report(_ errors: [RowError]) throws {
            result.errorCount += errors.count
            for error in errors {
                try errorsFile?.append(error)
                if result.firstErrors.count < FileLedgerRepository.storedErrorLimit {
                    result.firstErrors.append(error)
                }
            }
        }
        do {
            rows: while let row = try validator.next() {
                if !checkedFormat, let format = validator.format {
                    checkedFormat = true
                    result.format = format
                    masksSecrets = format.hasSecrets
                    if format.type == nil || format.processingOrder == nil || format.type == .student {
                        result.problem = Self.notImportable(format)
                        break rows
                    }
                }
                if let registry {
                    // Rows taken as unchanged before this one that turned out to repeat an earlier key.
                    registry.release(before: row.line)
                    try report(registry.takeRejected())
                }
                switch row.outcome {
                case .accepted(let record):
                    switch record {
                    case .property, .program: result.definitions.add(record)
                    case .user(let user) where user.password != nil: result.needsMasking = true
                    default: break
                    }
                    if let accepted = AcceptedRow(line: row.line, record: record) { chunk.append(accepted) }
                    if chunk.count == Self.chunkSize {
                        guard channel.send(chunk) else {
                            cancelled = true
                            break rows
                        }
                        chunk.removeAll(keepingCapacity: true)
                    }
                case .skipped:
                    // A skipped row is kept in the copy too: its password must not be.
                    if masksSecrets && !result.needsMasking && Self.containsMask(row.maskedRecord) {
                        result.needsMasking = true
                    }
                case .rejected(let errors):
                    // A rejected row's echo may hide a password (or be cut to its first field).
                    if masksSecrets && !result.needsMasking && Self.containsMask(row.maskedRecord) {
                        result.needsMasking = true
                    }
                    try report(errors)
                }
            }
            if !chunk.isEmpty { _ = channel.send(chunk) }
        } catch let error as FormatError {
            if case .readFailed = error {
                result.failure = error.message
            } else {
                result.problem = Self.problem(error)
            }
        } catch {
            result.failure = "writing the errors report failed: \(error)"
        }
        if let registry, result.failure == nil && !cancelled {
            do {
                // Held rows are decided up to a file problem (rows after it are not looked at).
                registry.release(before: result.problem?.line ?? .max)
                try report(registry.takeRejected())
                registry.discardHeld()
                result.duplicatesForSecondPass = try registry.finish()
            } catch {
                result.failure = "\(error)"
            }
        }
        result.counts = validator.counts
        if let filter, let registry {
            result.unchangedRows = filter.unchanged - registry.rejectedCount
            result.counts.read += filter.unchanged
            result.counts.rejected += registry.rejectedCount
            if filter.needsMasking { result.needsMasking = true }
        }
        // Rows after a file problem were not looked at: the kept copy must be the masked one.
        if result.problem != nil { result.needsMasking = true }
        do {
            if result.problem != nil, let problem = result.problem { try errorsFile?.append(problem) }
            try errorsFile?.finish()
            try source.drain()
        } catch {
            result.failure = result.failure ?? "\(error)"
        }
        result.sha256 = Digest.hex(hasher.finalize())
        return result
    }

    static func problem(_ error: FormatError) -> FileProblem {
        if case .mixedKeywords(let line, _, _) = error {
            return FileProblem(code: error.code, message: error.message, line: line)
        }
        return FileProblem(code: error.code, message: error.message)
    }

    /// A file of a type Panda writes (students.csv) or has no importer for yet.
    static func notImportable(_ format: RecordFormat) -> FileProblem {
        let importable = FormatTable.standard.processingOrder.map(\.keyword).joined(separator: ", ")
        return FileProblem(
            code: "not_importable",
            message: "\"\(format.keyword)\" files are not imported (students.csv is written by Panda); upload files"
                + " whose rows start with one of: \(importable)")
    }

    /// Whether a masked echo contains `***` (a secret was masked; a literal `***` only costs a masked copy).
    static func containsMask(_ bytes: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*")
        return bytes.withUnsafeBufferPointer { buffer in
            var run = 0
            for byte in buffer {
                run = byte == star ? run + 1 : 0
                if run == 3 { return true }
            }
            return false
        }
    }
}

/// Where the producer writes row errors: the spool file of the errors CSV.
final class ErrorsCSVSink: @unchecked Sendable {
    // Sendable: used by the producer thread only, after being handed over before it starts.
    private let file: ErrorsCSVFile

    init(_ file: ErrorsCSVFile) { self.file = file }

    func append(_ error: RowError) throws { try file.append(error) }

    func append(_ problem: FileProblem) throws {
        try file.append(
            StoredRowError(
                line: problem.line ?? 0, code: problem.code, field: nil, message: problem.message, record: ""))
    }

    func finish() throws { try file.finish() }
}
