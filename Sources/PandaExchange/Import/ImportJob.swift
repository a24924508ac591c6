import Foundation
import PandaCore
import PandaFormats
import PandaStore

/// One file to process, and how.
struct ImportJob {
    enum Input {
        /// A file in one of the account's host folders (an upload, or the kept copy of a held file).
        case folder(HostDirectory, name: String)
        /// A file named on the command line.
        case path(String)
    }

    enum Mode {
        /// Apply (unless duplicate, held or rejected) and record.
        case apply
        /// Check and record what it would change, applying nothing (`/validate`).
        case dryRun
        /// Apply a held file the operator approved, without the threshold; updates its entry.
        case approve(FileEntry)
        /// Check what it would change and record nothing (`panda validate --account`).
        case check
    }

    var account: Account
    var input: Input
    var name: String
    var source: FileSource
    var scope: FileScope
    var uploadID: Int64?
    var uploadedAt: Date
    /// The SHA-256 recorded at upload; nil computes it from the file.
    var expectedSHA256: String?
    var mode: Mode
    /// Definitions made by dry-run files earlier in the same batch (visible to later dry runs only).
    var extraDefinitions = DefinitionSet()

    var isRecorded: Bool {
        if case .check = mode { return false }
        return true
    }

    var isApproval: Bool {
        if case .approve = mode { return true }
        return false
    }

    var appliesNothing: Bool {
        switch mode {
        case .dryRun, .check: true
        case .apply, .approve: false
        }
    }
}

/// What processing a file came to.
public struct ImportOutcome: Sendable {
    /// The ledger entry (id 0 for `panda validate`, which records nothing).
    public var entry: FileEntry
    /// The first row errors.
    public var errors: [StoredRowError]
    /// Definitions the file's accepted rows make (used by later dry runs in a batch).
    public var definitions: DefinitionSet

    public var report: ResultReport { ResultReport(entry: entry, errors: errors) }
}

extension StoredRowError {
    init(_ error: RowError) {
        self.init(
            line: error.line, code: error.code.rawValue, field: error.field, message: error.message,
            record: error.record)
    }
}
