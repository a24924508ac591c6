import Foundation
import PandaCore
import PandaFormats
import PandaStore

/// One account's queued uploads processed as a batch (spec §6): recognized by their first keyword and
/// processed in the order of spec §5 (`Property`, `program`, `user`, `propertyuserbyid`, `programuser`),
/// whatever order they were uploaded in, so definitions uploaded with the rows that use them count.
public struct ImportBatch: Sendable {
    let importer: FileImporter

    public init(importer: FileImporter) { self.importer = importer }

    /// Processes every queued upload of `account`; stops at the first file that could not be processed
    /// (it stays queued, with the ones after it, and the batch is tried again later).
    @discardableResult
    public func run(account: String) throws -> [ImportOutcome] {
        var outcomes: [ImportOutcome] = []
        for upload in try importer.store.importQueue.unrecordedSuperseded(account: account) {
            outcomes.append(try importer.recordSuperseded(upload))
        }
        var dryRunDefinitions = DefinitionSet()
        for upload in try ordered(try importer.store.importQueue.queued(account: account)) {
            guard let outcome = try importer.importUpload(upload, earlierDryRunDefinitions: dryRunDefinitions) else {
                continue
            }
            if outcome.entry.status == .dryRun {
                for (key, values) in outcome.definitions.propertyValues {
                    dryRunDefinitions.propertyValues[key, default: []].formUnion(values)
                }
                dryRunDefinitions.programs.formUnion(outcome.definitions.programs)
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Uploads in processing order (then upload order); files of no known type last.
    func ordered(_ uploads: [UploadRecord]) throws -> [UploadRecord] {
        guard let account = uploads.first?.account else { return [] }
        let storage = try importer.storages.storage(for: account)
        let keyed = uploads.map { upload -> (Int, Int64, UploadRecord) in
            let directory = upload.folder == AccountFolder.validate.rawValue ? storage.validate : storage.inbound
            guard let fd = try? directory.openFile(upload.name, flags: O_RDONLY) else {
                return (Int.max, upload.id, upload)
            }
            defer { close(fd) }
            return (FileTypeSniffer.order(of: FileTypeSniffer.format(descriptor: fd)), upload.id, upload)
        }
        return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}
