import Foundation
import PandaStore

/// Finds the report `panda report ACCOUNT [FILE]` means: the latest file, a file id, or the latest
/// upload of a name (which may still be queued).
public struct ReportLookup: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    public func report(account: String, file: String?) throws -> ResultReport {
        _ = try store.accounts.get(account)
        if let file, let id = Int64(file), let entry = try store.files.find(account: account, id: id) {
            return ResultReport(entry: entry, errors: try store.files.errors(fileID: id))
        }
        let entry = try store.files.latest(account: account, name: file)
        let queued =
            try file.map { try store.importQueue.queued(account: account, name: $0) }
            ?? store.importQueue.queued(account: account).last
        if let queued, entry.map({ $0.uploadID.map { $0 < queued.id } ?? ($0.uploadedAt <= queued.uploadedAt) }) ?? true
        {
            return ResultReport(queued: queued)
        }
        guard let entry else {
            throw ImportError.noSuchFile(account: account, file: file ?? "(none processed yet)")
        }
        return ResultReport(entry: entry, errors: try store.files.errors(fileID: entry.id))
    }

    /// Resolves FILE for `file approve|discard`: a file id, or the latest held file of that name.
    public func heldFileID(account: String, file: String) throws -> Int64 {
        if let id = Int64(file), try store.files.find(account: account, id: id) != nil { return id }
        let held = try store.files.list(account: account).last { $0.name == file && $0.status == .held }
        guard let held else { throw ImportError.noSuchFile(account: account, file: file) }
        return held.id
    }
}
