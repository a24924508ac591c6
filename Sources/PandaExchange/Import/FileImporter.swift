import Foundation
import PandaCore
import PandaFormats
import PandaStore
import Synchronization

/// Processes one file for one account: checks every row, applies the valid ones, records the outcome in
/// the ledger, keeps a masked copy and writes the reports.
///
/// The rows, the ledger entry and the intake queue's status change are one write transaction, so after a
/// crash a file is either applied and recorded or neither (and still queued, so it is processed again).
/// Reading and validating run on a second thread while this one writes. A file that must not change
/// anything (rejected, held, dry run) is applied and rolled back, then recorded in a transaction of its
/// own: what it would have changed is counted exactly as a real import counts it.
public final class FileImporter: Sendable {
    let store: Store
    let storages: AccountStorageCache
    let logger: Logger
    /// Told about uploads that were rejected, processed with errors or held.
    let notifier: any Notifier
    let budget: ImportMemoryBudget
    /// Where duplicate keys spill beyond `budget` (`DATA/import-spill`).
    let spill: SpillDirectory.Lazy
    private let stopping = Atomic<Bool>(false)
    /// Queued uploads found without their file, reported once each.
    let missingReported = Mutex<Set<Int64>>([])
    /// Told of every file processed (the server's metrics).
    let observer: (any ImportObserver)?

    public convenience init(
        store: Store, dataDirectory: String, logger: Logger, notifier: any Notifier = SilentNotifier(),
        observer: (any ImportObserver)? = nil
    ) {
        self.init(
            store: store, dataDirectory: dataDirectory, logger: logger, budget: .standard, notifier: notifier,
            observer: observer)
    }

    init(
        store: Store, dataDirectory: String, logger: Logger, budget: ImportMemoryBudget,
        notifier: any Notifier = SilentNotifier(), observer: (any ImportObserver)? = nil
    ) {
        self.store = store
        self.storages = AccountStorageCache(dataDirectory: dataDirectory)
        self.logger = logger
        self.notifier = notifier
        self.observer = observer
        self.budget = budget
        spill = SpillDirectory.Lazy(dataDirectory: dataDirectory)
    }

    /// Makes the file being applied roll back at its next chunk of rows (it stays queued).
    public func stop() { stopping.store(true, ordering: .releasing) }

    // MARK: - One file

    /// Processes `job`; nil when the upload was withdrawn, superseded or replaced on disk meanwhile (the
    /// next batch handles what took its place).
    func process(_ job: ImportJob) throws -> ImportOutcome? {
        let clock = ContinuousClock()
        let started = clock.now
        let storage = try storages.storage(for: job.account.username)
        let descriptor = try open(job.input)
        defer { close(descriptor) }
        var info = stat()
        try hostCall("fstat") { fstat(descriptor, &info) }
        let now = store.clock.now()
        // An upload's hash is known from the intake; a file named on the command line is hashed while it is
        // read (and its duplicate check waits until then).
        var context = FileContext(
            job: job, now: now, cycleDay: try cycleDay(for: job.account, uploadedAt: job.uploadedAt),
            size: Int64(info.st_size),
            sha256: job.expectedSHA256 ?? "")
        let errorsSpool = job.isRecorded ? storage.newSpoolName(prefix: "import-errors") : nil
        defer { if let errorsSpool { try? storage.spool.remove(errorsSpool) } }

        var duplicates: DuplicateLineList?
        var recorded: Recorded?
        while true {
            // A second pass writes the errors CSV again from its start.
            let errorsFile = try errorsSpool.map { try ErrorsCSVFile(in: storage, spoolName: $0) }
            do {
                recorded = try store.database.write { db in
                    try apply(&context, descriptor: descriptor, errorsFile: errorsFile, duplicates: duplicates, in: db)
                }
            } catch let again as SecondPass {
                logger.info(
                    "file.second_pass",
                    ["account": job.account.username, "name": job.name, "duplicates": String(again.duplicates.count)])
                duplicates = again.duplicates
                continue
            } catch let rollback as RolledBack {
                guard let entry = try record(rollback, context, errorsSpool: errorsSpool) else { return nil }
                recorded = entry
            } catch is Abandoned {
                return nil
            }
            break
        }
        guard let recorded else { return nil }
        if job.isRecorded {
            try finish(recorded, descriptor: descriptor, info: info, storage: storage, job: job)
        }
        let entry = recorded.entry
        logger.info(
            "file.processed",
            [
                "account": entry.account, "file": String(entry.id), "name": entry.name, "type": entry.type ?? "-",
                "status": entry.status.rawValue, "read": String(entry.counts.read),
                "created": String(entry.counts.created), "updated": String(entry.counts.updated),
                "unchanged": String(entry.counts.unchanged), "rejected": String(entry.counts.rejected),
                "seconds": String(format: "%.3f", (clock.now - started).seconds),
            ])
        if case .apply = job.mode, job.source == .inbound, let event = NotificationEvent.fileOutcome(entry) {
            notifier.notify(event)
        }
        observer?.fileProcessed(entry, duration: clock.now - started)
        return ImportOutcome(entry: entry, errors: recorded.errors, definitions: recorded.definitions)
    }

    /// Inside the write transaction: checks and applies the rows, and records the outcome when it is
    /// applied; throws `RolledBack` when nothing may stay.
    private func apply(
        _ context: inout FileContext, descriptor: Int32, errorsFile: ErrorsCSVFile?, duplicates: DuplicateLineList?,
        in db: any SQLConnection
    ) throws -> Recorded {
        let job = context.job
        let account = job.account.username
        if let uploadID = job.uploadID {
            guard try ImportQueueRepository.current(uploadID: uploadID, in: db)?.status == "queued" else {
                throw Abandoned()
            }
        }
        let fileID: Int64
        if case .approve(let held) = job.mode {
            guard try FileLedgerRepository.find(account: account, id: held.id, in: db)?.status == .held else {
                throw ImportError.notHeld(account: account, file: held.id, status: "no longer held")
            }
            fileID = held.id
        } else {
            fileID = try FileLedgerRepository.nextID(in: db)
        }
        if case .apply = job.mode, job.expectedSHA256 != nil,
            let earlier = try FileLedgerRepository.sameContent(account: account, sha256: context.sha256, in: db)
        {
            throw RolledBack(outcome: .duplicate(of: earlier), result: ProducerResult(), changes: FileChanges())
        }

        // Counts and stored fingerprints load on another connection while the roster loads on this one
        // (another reader sees what this transaction saw: it holds the write lock and has written nothing).
        let preloaded = startPreload(format: FileTypeSniffer.format(descriptor: descriptor), account: account)
        let students = try scopeSet(job, in: db)
        var definitions = DefinitionSet()
        let stored = try RecordRepository.definitions(account: account, in: db)
        definitions.propertyValues = stored.propertyValues
        definitions.programs = stored.programs
        if job.appliesNothing {
            for (key, values) in job.extraDefinitions.propertyValues {
                definitions.propertyValues[key, default: []].formUnion(values)
            }
            definitions.programs.formUnion(job.extraDefinitions.programs)
        }
        let preload = try preloaded()
        var changes = FileChanges(
            activeStudents: preload.activeStudents, thresholdPercent: job.account.settings.thresholdPercent)

        let writer = RecordWriter(
            connection: db, account: account, fileID: fileID, cycleDay: context.cycleDay, at: context.now)
        let applier = RecordApplier(writer: writer)
        var producer = RowProducer(
            descriptor: descriptor, limits: CSVLimits(maximumFileSize: job.account.settings.maxFileSize.bytes),
            students: students, definitions: definitions, errorsFile: errorsFile.map(ErrorsCSVSink.init))
        producer.fastPath = preload.fastPath
        let spill = self.spill
        producer.duplicateKeys =
            duplicates.map { .known($0) } ?? .bounded(budget, directory: { try spill.get() })
        let result = try readAndApply(producer, applier: applier)

        if let failure = result.failure { throw ImportError.failed(failure) }
        if job.expectedSHA256 == nil {
            context.sha256 = result.sha256
            if case .apply = job.mode,
                let earlier = try FileLedgerRepository.sameContent(account: account, sha256: result.sha256, in: db)
            {
                throw RolledBack(outcome: .duplicate(of: earlier), result: ProducerResult(), changes: FileChanges())
            }
        } else if result.sha256 != context.sha256 {
            // Replaced on disk by a newer upload of the same name after this one was queued.
            throw Abandoned()
        }
        if let duplicates = result.duplicatesForSecondPass { throw SecondPass(duplicates: duplicates) }
        if let problem = result.problem {
            throw RolledBack(outcome: .rejected(problem), result: result, changes: changes)
        }
        if result.format?.type == .programUser {
            if changes.activeStudents == 0 { changes.activeStudents = preload.studentsWithMemberships }
            let ended = try applier.endUnlistedMemberships()
            changes.membershipsEnded = ended.memberships
            changes.studentsLosingMemberships = ended.students
        }
        changes.deactivated = applier.deactivated
        let counts = FileCounts(
            read: result.counts.read, created: applier.created, updated: applier.updated,
            unchanged: applier.unchanged + result.unchangedRows, skipped: result.counts.skipped,
            rejected: result.counts.rejected)
        if job.appliesNothing {
            throw RolledBack(outcome: .dryRun(counts), result: result, changes: changes)
        }
        if case .apply = job.mode, changes.exceedsThreshold {
            throw RolledBack(outcome: .held(counts), result: result, changes: changes)
        }

        var entry = makeEntry(
            context, id: fileID, status: result.errorCount > 0 ? .processedWithErrors : .processed, result: result,
            counts: counts, changes: changes)
        let errors = result.firstErrors.map(StoredRowError.init)
        try name(&entry, errorsSpool: errorsFile?.spoolName, in: db)
        if case .approve(let held) = job.mode {
            entry.uploadID = held.uploadID
            entry.sha256 = held.sha256
            entry.size = held.size
            entry.source = held.source
            entry.uploadedAt = held.uploadedAt
            entry.keptName = held.keptName
            entry.decidedBy = held.decidedBy ?? "cli"
            entry.decidedAt = context.now
            try FileLedgerRepository.update(entry, errors: errors, in: db)
        } else {
            try FileLedgerRepository.insert(entry, errors: errors, in: db)
        }
        if let uploadID = job.uploadID {
            guard try ImportQueueRepository.markProcessed(uploadID: uploadID, at: context.now, in: db) else {
                throw Abandoned()
            }
        }
        try audit(entry, event: job.isApproval ? "file.approve" : "file.import", actor: entry.decidedBy, in: db)
        return Recorded(
            entry: entry, errors: errors, definitions: result.definitions, needsMasking: result.needsMasking)
    }

    /// Runs the producer on its own thread and applies what it sends; returns once both are done.
    private func readAndApply(_ producer: RowProducer, applier: RecordApplier) throws -> ProducerResult {
        let channel = RowChannel()
        let finished = DispatchSemaphore(value: 0)
        let box = Mutex<ProducerResult?>(nil)
        producer.start(into: channel) { result in
            box.withLock { $0 = result }
            finished.signal()
        }
        do {
            while let chunk = channel.receive() {
                if stopping.load(ordering: .acquiring) { throw ImportError.stopping }
                for row in chunk { try applier.apply(row) }
            }
        } catch {
            channel.cancel()
            finished.wait()
            throw error
        }
        finished.wait()
        return box.withLock { $0! }
    }

    /// Records a file whose changes were rolled back (rejected, dry run, held, duplicate), with its intake
    /// status, in a transaction of its own; nil when the upload is no longer queued.
    private func record(_ rollback: RolledBack, _ context: FileContext, errorsSpool: String?) throws -> Recorded? {
        let job = context.job
        let result = rollback.result
        let errors = result.firstErrors.map(StoredRowError.init)
        func entry(id: Int64) -> FileEntry {
            switch rollback.outcome {
            case .rejected(let problem):
                var entry = makeEntry(
                    context, id: id, status: .rejected, result: result,
                    counts: FileCounts(read: result.counts.read, rejected: result.counts.read),
                    changes: rollback.changes)
                entry.problem = problem
                return entry
            case .dryRun(let counts):
                return makeEntry(
                    context, id: id, status: .dryRun, result: result, counts: counts, changes: rollback.changes)
            case .held(let counts):
                return makeEntry(
                    context, id: id, status: .held, result: result, counts: counts, changes: rollback.changes)
            case .duplicate(let earlier):
                var entry = makeEntry(
                    context, id: id, status: .duplicate, result: result, counts: FileCounts(), changes: FileChanges())
                entry.duplicateOf = earlier
                return entry
            }
        }
        guard job.isRecorded else {
            return Recorded(entry: entry(id: 0), errors: errors, definitions: result.definitions, needsMasking: false)
        }
        do {
            return try store.database.write { db in
                if let uploadID = job.uploadID {
                    guard try ImportQueueRepository.markProcessed(uploadID: uploadID, at: context.now, in: db) else {
                        throw Abandoned()
                    }
                }
                var recorded = entry(id: try FileLedgerRepository.nextID(in: db))
                // A duplicate's rows were not looked at: its errors CSV is empty, not the rows' errors.
                var spool = errorsSpool
                if case .duplicate = rollback.outcome { spool = nil }
                try name(&recorded, errorsSpool: spool, in: db)
                try FileLedgerRepository.insert(recorded, errors: errors, in: db)
                try audit(recorded, event: "file.import", in: db)
                return Recorded(
                    entry: recorded, errors: errors, definitions: result.definitions, needsMasking: result.needsMasking)
            }
        } catch is Abandoned {
            return nil
        }
    }

    // MARK: - Pieces

    func makeEntry(
        _ context: FileContext, id: Int64, status: FileStatus, result: ProducerResult, counts: FileCounts,
        changes: FileChanges
    ) -> FileEntry {
        let job = context.job
        return FileEntry(
            id: id, account: job.account.username, uploadID: job.uploadID, source: job.source, scope: job.scope,
            name: job.name, type: result.format?.keyword, sha256: context.sha256, size: context.size,
            uploadedAt: job.uploadedAt, processedAt: context.now, cycleDay: context.cycleDay, status: status,
            counts: counts, errorCount: result.errorCount, changes: changes)
    }

    /// Names the kept copy and the reports (`<name>.<UTC time>.summary.txt`, spec §6).
    func name(_ entry: inout FileEntry, errorsSpool: String?, in db: any SQLConnection) throws {
        var base = ReportFiles.baseName(upload: entry.name, at: entry.processedAt, fileID: entry.id, taken: false)
        if try FileLedgerRepository.reportNameTaken(
            account: entry.account, summaryName: base + ".summary.txt", in: db)
        {
            base = ReportFiles.baseName(upload: entry.name, at: entry.processedAt, fileID: entry.id, taken: true)
        }
        entry.summaryName = base + ".summary.txt"
        entry.errorsName = base + ".errors.csv"
        entry.errorsSpool = errorsSpool
        // A superseded or duplicate file is not kept: it was never read (a duplicate's content is kept
        // already, with the earlier file).
        if entry.keptName == nil && entry.status != .superseded && entry.status != .duplicate {
            var kept = "\(entry.id)-\(entry.name)"
            while kept.utf8.count > 250 { kept.removeLast() }
            entry.keptName = kept
        }
    }

    func audit(_ entry: FileEntry, event: String, actor: String? = nil, in db: any SQLConnection) throws {
        try AuditRepository.insert(
            AuditEntry(
                at: entry.processedAt, account: entry.account,
                actor: actor ?? (entry.source == .manual ? "cli" : "importer"),
                event: event,
                detail: "file=\(entry.id) name=\(Logger.quotedValue(entry.name)) status=\(entry.status.rawValue)"
                    + " read=\(entry.counts.read) rejected=\(entry.counts.rejected) sha256=\(entry.sha256)"),
            into: db)
    }

    /// What a file is checked against that can be read beside the roster: the active students (for the
    /// threshold), the students with memberships (its base when there are no active students yet), and the
    /// stored fingerprints of the records `format` makes (nil when there are none: nothing to pass over).
    struct Preload: Sendable {
        var activeStudents = 0
        var studentsWithMemberships = 0
        var fastPath: RowProducer.FastPath?
    }

    /// Starts reading the `Preload` on a thread and connection of its own; the returned function waits for it.
    private func startPreload(format: RecordFormat?, account: String) -> () throws -> Preload {
        let kind: FingerprintedRecords? =
            switch format?.type {
            case .user: .users
            case .property: .propertyValues
            case .propertyUser: .userProperties
            case .program: .programs
            default: nil
            }
        let done = DispatchSemaphore(value: 0)
        let box = Mutex<Result<Preload, any Error>?>(nil)
        let database = store.database
        let budget = self.budget
        Thread.detachNewThread {
            let loaded = Result {
                try database.read { db in
                    var preload = Preload()
                    preload.activeStudents = try RecordRepository.activeStudentCount(account: account, in: db)
                    if preload.activeStudents == 0 {
                        preload.studentsWithMemberships = try RecordRepository.studentsWithMemberships(
                            account: account, in: db)
                    }
                    if let format, let kind {
                        let count = try RecordRepository.count(of: kind, account: account, in: db)
                        if count > 0 {
                            let loaded = try FingerprintIndex.load(
                                kind, account: account, expectedCount: count, budget: budget.fingerprints, in: db)
                            preload.fastPath = RowProducer.FastPath(
                                format: format,
                                fingerprints: loaded.map { .memory($0) }
                                    ?? .store(kind, account: account, database: database))
                        }
                    }
                    return preload
                }
            }
            box.withLock { $0 = loaded }
            done.signal()
        }
        return {
            done.wait()
            return try box.withLock { $0! }.get()
        }
    }

    /// The students the file may change: loaded when they fit the budget, else read as the file goes.
    private func scopeSet(_ job: ImportJob, in db: any SQLConnection) throws -> RowProducer.Students {
        let account = job.account.username
        let kind: StudentScopeKind = job.scope == .roster ? .currentRoster : .knownToAccount
        let count =
            job.scope == .roster
            ? try RecordRepository.rosterCount(account: account, in: db)
            : try RecordRepository.knownStudentCount(account: account, in: db)
        // Not even the UserIDs' minimum (a table slot, an entry, a byte): no need to start.
        guard count * 13 <= budget.roster else { return .store(kind, account: account, database: store.database) }
        let index = StudentIndex(kind: kind, expectedCount: count)
        let limit = budget.roster
        var withinBudget = true
        func insert(_ id: UnsafeBufferPointer<UInt8>) {
            guard withinBudget else { return }
            index.insert(id)
            if index.count % 4096 == 0 && index.bytesInUse > limit { withinBudget = false }
        }
        switch job.scope {
        case .roster: try RecordRepository.forEachRosterStudent(account: account, in: db, insert)
        case .known: try RecordRepository.forEachKnownStudent(account: account, in: db, insert)
        }
        guard withinBudget && index.bytesInUse <= budget.roster else {
            return .store(kind, account: account, database: store.database)
        }
        return .loaded(index)
    }

    private func open(_ input: ImportJob.Input) throws -> Int32 {
        switch input {
        case .folder(let directory, let name):
            return try directory.openFile(name, flags: O_RDONLY)
        case .path(let path):
            let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ImportError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                close(fd)
                throw ImportError.cannotRead(path: path, reason: "not a regular file")
            }
            return fd
        }
    }

    /// The cycle a file belongs to: the one whose students.csv was current when it was uploaded (the latest
    /// the scheduler published before it), else the account-local day of the upload.
    func cycleDay(for account: Account, uploadedAt date: Date) throws -> String {
        if let cycle = try store.cycles.current(account: account.username, at: date) { return cycle.day.description }
        let zoneName = try AccountCalendar.timeZoneName(of: account, in: store)
        return LocalDate(date, in: TimeZone(identifier: zoneName) ?? .gmt).description
    }
}

/// The facts of one file fixed before its transaction.
struct FileContext {
    let job: ImportJob
    let now: Date
    let cycleDay: String
    let size: Int64
    /// Known before reading for an upload, set from the content for other files.
    var sha256: String
}

/// A file's outcome as committed.
struct Recorded {
    var entry: FileEntry
    var errors: [StoredRowError]
    var definitions: DefinitionSet
    var needsMasking: Bool
}

/// Thrown out of the write transaction to undo a file's changes; carries what to record instead.
struct RolledBack: Error {
    enum Outcome {
        case rejected(FileProblem)
        case dryRun(FileCounts)
        case held(FileCounts)
        case duplicate(of: Int64)
    }

    let outcome: Outcome
    let result: ProducerResult
    let changes: FileChanges
}

/// The upload is no longer the one to process (withdrawn, superseded, or replaced on disk).
struct Abandoned: Error {}

/// Thrown out of the write transaction when some `duplicate_key` answers were not exact (the file was larger
/// than the memory for its keys, and a key came back after its part was spilled): the file is processed
/// again, answering from every duplicate the first pass found.
struct SecondPass: Error {
    let duplicates: DuplicateLineList
}
