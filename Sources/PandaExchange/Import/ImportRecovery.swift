import Foundation
import PandaCore
import PandaFormats
import PandaStore

/// Finishes, at start-up, what a crash left between a file's commit and its files on disk: the kept copy,
/// the removal of the upload from `/inbound` or `/validate`, and the reports.
struct ImportRecovery {
    let importer: FileImporter

    func run() {
        let entries: [FileEntry]
        do {
            entries = try importer.store.files.unfinalized()
        } catch {
            importer.logger.error("recovery.failed", ["error": "\(error)"])
            return
        }
        for entry in entries {
            do {
                try finish(entry)
                importer.logger.info("recovery.finished", ["account": entry.account, "file": String(entry.id)])
            } catch {
                importer.logger.error(
                    "recovery.file_failed", ["account": entry.account, "file": String(entry.id), "error": "\(error)"])
            }
        }
    }

    private func finish(_ entry: FileEntry) throws {
        let storage = try importer.storages.storage(for: entry.account)
        let directory: HostDirectory? =
            switch entry.source {
            case .inbound: storage.inbound
            case .validate: storage.validate
            case .manual: nil
            }
        if let directory, entry.decidedBy == nil, entry.status != .superseded,
            let fd = try? directory.openFile(entry.name, flags: O_RDONLY)
        {
            defer { close(fd) }
            var info = stat()
            let sameContent = fstat(fd, &info) == 0 && (try? FileDigest.sha256(descriptor: fd).hex) == entry.sha256
            if sameContent {
                if let kept = entry.keptName, try storage.processed.status(of: kept) == nil {
                    // Whether it held passwords is not recorded: the masked copy is always safe.
                    try importer.keep(descriptor: fd, as: kept, masked: true, linkable: false, storage: storage)
                }
                let stillQueued = try importer.store.importQueue.queued(account: entry.account, name: entry.name) != nil
                if !stillQueued {
                    try FileImporter.removeOriginal(
                        named: entry.name, inode: info.st_ino, device: info.st_dev, from: directory)
                }
            }
        }
        let errors = try importer.store.files.errors(fileID: entry.id)
        try ReportFiles(storage: storage).write(ResultReport(entry: entry, errors: errors))
        try importer.store.files.markFinalized(id: entry.id)
    }
}
