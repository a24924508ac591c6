import Foundation
import PandaCore
import PandaFormats
import PandaStore

extension FileImporter {
    /// `panda import ACCOUNT FILE`: applies a file handed over by hand. Manual imports may change only
    /// students known to the account (`asUpload` applies an automated upload's roster rule instead).
    public func importFile(atPath path: String, account username: String, asUpload: Bool) throws -> ImportOutcome {
        let account = try store.accounts.get(username)
        let job = ImportJob(
            account: account, input: .path(path), name: Self.fileName(path), source: .manual,
            scope: asUpload ? .roster : .known, uploadID: nil, uploadedAt: store.clock.now(), expectedSHA256: nil,
            mode: .apply)
        guard let outcome = try process(job) else { throw ImportError.failed("the file changed while it was read") }
        return outcome
    }

    /// `panda validate FILE --account ACCOUNT`: what the file would change as an upload; records nothing.
    public func check(atPath path: String, account username: String) throws -> ImportOutcome {
        let account = try store.accounts.get(username)
        let job = ImportJob(
            account: account, input: .path(path), name: Self.fileName(path), source: .manual, scope: .roster,
            uploadID: nil, uploadedAt: store.clock.now(), expectedSHA256: nil, mode: .check)
        guard let outcome = try process(job) else { throw ImportError.failed("the file changed while it was read") }
        return outcome
    }

    /// Processes one queued upload (`/inbound` applied, `/validate` dry run); nil when it is no longer
    /// queued or was replaced on disk.
    public func importUpload(_ upload: UploadRecord, earlierDryRunDefinitions: DefinitionSet = DefinitionSet())
        throws -> ImportOutcome?
    {
        let account = try store.accounts.get(upload.account)
        let storage = try storages.storage(for: upload.account)
        let validate = upload.folder == AccountFolder.validate.rawValue
        let directory = validate ? storage.validate : storage.inbound
        guard try directory.status(of: upload.name) != nil else {
            try missing(upload)
            return nil
        }
        var job = ImportJob(
            account: account, input: .folder(directory, name: upload.name), name: upload.name,
            source: validate ? .validate : .inbound, scope: .roster, uploadID: upload.id, uploadedAt: upload.uploadedAt,
            expectedSHA256: upload.sha256.isEmpty ? nil : upload.sha256, mode: validate ? .dryRun : .apply)
        job.extraDefinitions = earlierDryRunDefinitions
        return try process(job)
    }

    /// Records an upload a newer one of the same name replaced before it was processed, with its report.
    public func recordSuperseded(_ upload: UploadRecord) throws -> ImportOutcome {
        let account = try store.accounts.get(upload.account)
        let storage = try storages.storage(for: upload.account)
        let now = store.clock.now()
        let day = try cycleDay(for: account, uploadedAt: upload.uploadedAt)
        let entry = try store.database.write { db in
            var entry = FileEntry(
                id: try FileLedgerRepository.nextID(in: db), account: upload.account, uploadID: upload.id,
                source: upload.folder == AccountFolder.validate.rawValue ? .validate : .inbound, scope: .roster,
                name: upload.name, type: nil, sha256: upload.sha256, size: upload.size, uploadedAt: upload.uploadedAt,
                processedAt: now, cycleDay: day, status: .superseded)
            try name(&entry, errorsSpool: nil, in: db)
            try FileLedgerRepository.insert(entry, errors: [], in: db)
            try audit(entry, event: "file.import", in: db)
            return entry
        }
        try ReportFiles(storage: storage).write(ResultReport(entry: entry, errors: []))
        try store.files.markFinalized(id: entry.id)
        return ImportOutcome(entry: entry, errors: [], definitions: DefinitionSet())
    }

    /// `panda file approve`: applies a held file (one-shot, audited), from the copy kept when it was held.
    /// `actor` is who decided, as the audit log and the ledger name them (`cli`, `api:NAME`).
    public func approve(account username: String, fileID: Int64, actor: String = "cli") throws -> ImportOutcome {
        let account = try store.accounts.get(username)
        var held = try heldEntry(account: username, fileID: fileID)
        held.decidedBy = actor
        let storage = try storages.storage(for: username)
        guard let kept = held.keptName, try storage.processed.status(of: kept) != nil else {
            throw ImportError.failed("the copy of file \(fileID) kept when it was held is gone; discard it instead")
        }
        let job = ImportJob(
            account: account, input: .folder(storage.processed, name: kept), name: held.name, source: held.source,
            scope: held.scope, uploadID: nil, uploadedAt: held.uploadedAt, expectedSHA256: nil, mode: .approve(held))
        guard let outcome = try process(job) else {
            throw ImportError.failed("the kept copy changed while it was read")
        }
        return outcome
    }

    /// `panda file discard`: drops a held file (one-shot, audited).
    public func discard(account username: String, fileID: Int64, actor: String = "cli") throws -> ImportOutcome {
        let storage = try storages.storage(for: username)
        let now = store.clock.now()
        let (entry, errors) = try store.database.write { db in
            guard var entry = try FileLedgerRepository.find(account: username, id: fileID, in: db) else {
                throw ImportError.noSuchFile(account: username, file: String(fileID))
            }
            guard entry.status == .held else {
                throw ImportError.notHeld(account: username, file: fileID, status: entry.status.rawValue)
            }
            entry.status = .discarded
            entry.processedAt = now
            entry.decidedBy = actor
            entry.decidedAt = now
            // A new summary says it was discarded; the errors CSV written when it was held stays.
            let errorsName = entry.errorsName
            try name(&entry, errorsSpool: nil, in: db)
            entry.errorsName = errorsName ?? entry.errorsName
            try FileLedgerRepository.update(entry, errors: nil, in: db)
            try AuditRepository.insert(
                AuditEntry(
                    at: now, account: username, actor: actor, event: "file.discard",
                    detail: "file=\(fileID) name=\(Logger.quotedValue(entry.name))"), into: db)
            return (
                entry,
                try FileLedgerRepository.errors(fileID: fileID, limit: FileLedgerRepository.storedErrorLimit, in: db)
            )
        }
        try ReportFiles(storage: storage).write(ResultReport(entry: entry, errors: errors))
        try store.files.markFinalized(id: entry.id)
        return ImportOutcome(entry: entry, errors: errors, definitions: DefinitionSet())
    }

    /// A queued upload whose file is not in its folder: for a moment while the institution renames or
    /// deletes it; for good if the server stopped in between. After ten minutes it is taken as withdrawn.
    private func missing(_ upload: UploadRecord) throws {
        if missingReported.withLock({ $0.insert(upload.id).inserted }) {
            logger.warning(
                "file.missing", ["account": upload.account, "upload": String(upload.id), "name": upload.name])
        }
        if store.clock.now().timeIntervalSince(upload.uploadedAt) > 600 {
            try store.uploads.withdraw(account: upload.account, folder: upload.folder, name: upload.name)
        }
    }

    private func heldEntry(account: String, fileID: Int64) throws -> FileEntry {
        guard let entry = try store.files.find(account: account, id: fileID) else {
            throw ImportError.noSuchFile(account: account, file: String(fileID))
        }
        guard entry.status == .held else {
            throw ImportError.notHeld(account: account, file: fileID, status: entry.status.rawValue)
        }
        return entry
    }

    static func fileName(_ path: String) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return name.isEmpty ? "file.csv" : name
    }
}
