import Foundation
import PandaStore

/// The result report of one file: what `results/`, `panda report` and the API show.
///
/// Built from the ledger entry and its first row errors; a file not processed yet (still in the intake
/// queue) is reported with status `queued`.
public struct ResultReport: Sendable, Equatable {
    public var entry: FileEntry?
    /// For a queued upload: its name, size and time; nil once processed.
    public var queued: UploadRecord?
    /// The first row errors, in line order (the errors CSV has all of them).
    public var errors: [StoredRowError]

    public init(entry: FileEntry, errors: [StoredRowError]) {
        self.entry = entry
        self.queued = nil
        self.errors = errors
    }

    public init(queued: UploadRecord) {
        self.entry = nil
        self.queued = queued
        self.errors = []
    }

    public var fileName: String { entry?.name ?? queued?.name ?? "" }
    public var uploadedAt: Date? { entry?.uploadedAt ?? queued?.uploadedAt }
    public var statusText: String { entry?.status.rawValue ?? "queued" }

    /// Row errors with a rejected file's own problem first, as the report lists them.
    public var listedErrors: [StoredRowError] {
        guard let problem = entry?.problem else { return errors }
        return [
            StoredRowError(
                line: problem.line ?? 0, code: problem.code, field: nil, message: problem.message, record: "")
        ]
            + errors
    }

    /// Every listed error, the problem included (a rejected file has one more than its row errors).
    public var totalErrorCount: Int { (entry?.errorCount ?? 0) + (entry?.problem == nil ? 0 : 1) }
}
