import Foundation

/// One row of the file ledger: a file the importer handled, its outcome and counts.
public struct FileEntry: Sendable, Equatable {
    public var id: Int64
    public var account: String
    /// The intake queue row the file came from; nil for a manual import.
    public var uploadID: Int64?
    public var source: FileSource
    public var scope: FileScope
    /// The name it was uploaded (or handed over) as.
    public var name: String
    /// The keyword of the file's record format (`user`, `Property`, …), when one was recognized.
    public var type: String?
    /// SHA-256 of the content as received (before passwords were masked in the kept copy).
    public var sha256: String
    public var size: Int64
    public var uploadedAt: Date
    public var processedAt: Date
    /// The account-local day (`YYYY-MM-DD`) the file was processed on: its cycle.
    public var cycleDay: String
    public var status: FileStatus
    public var counts: FileCounts
    /// Row errors found (a row may have several); `file_errors` keeps the first ones.
    public var errorCount: Int
    public var changes: FileChanges
    /// Why the whole file was rejected, if it was.
    public var problem: FileProblem?
    /// For a duplicate: the earlier file with the same content.
    public var duplicateOf: Int64?
    /// The copy kept in the account's `processed/` folder (passwords masked).
    public var keptName: String?
    /// Report file names in the account's `results/` folder.
    public var summaryName: String?
    public var errorsName: String?
    /// Spool name of the full errors CSV until it is moved into `results/` (crash recovery).
    public var errorsSpool: String?
    /// Who approved or discarded a held file, and when.
    public var decidedBy: String?
    public var decidedAt: Date?
    /// When retention removed the kept copy and the reports (the entry, its counts and errors stay).
    public var purgedAt: Date?

    public init(
        id: Int64, account: String, uploadID: Int64?, source: FileSource, scope: FileScope, name: String,
        type: String?, sha256: String, size: Int64, uploadedAt: Date, processedAt: Date, cycleDay: String,
        status: FileStatus, counts: FileCounts = FileCounts(), errorCount: Int = 0,
        changes: FileChanges = FileChanges(),
        problem: FileProblem? = nil, duplicateOf: Int64? = nil, keptName: String? = nil, summaryName: String? = nil,
        errorsName: String? = nil, errorsSpool: String? = nil, decidedBy: String? = nil, decidedAt: Date? = nil,
        purgedAt: Date? = nil
    ) {
        self.id = id
        self.account = account
        self.uploadID = uploadID
        self.source = source
        self.scope = scope
        self.name = name
        self.type = type
        self.sha256 = sha256
        self.size = size
        self.uploadedAt = uploadedAt
        self.processedAt = processedAt
        self.cycleDay = cycleDay
        self.status = status
        self.counts = counts
        self.errorCount = errorCount
        self.changes = changes
        self.problem = problem
        self.duplicateOf = duplicateOf
        self.keptName = keptName
        self.summaryName = summaryName
        self.errorsName = errorsName
        self.errorsSpool = errorsSpool
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.purgedAt = purgedAt
    }
}

/// The outcome of a file (the `status` of the JSON contract).
public enum FileStatus: String, Sendable, CaseIterable {
    /// Applied; every row was valid.
    case processed
    /// Applied; some rows were rejected (listed in the report).
    case processedWithErrors = "processed_with_errors"
    /// Not applied: the whole file is unusable (empty, not CSV, mixed keywords…).
    case rejected
    /// Not applied: it would deactivate or end the memberships of too many students; waits for the operator.
    case held
    /// A held file the operator dropped.
    case discarded
    /// Not applied: the same content was already processed for the account.
    case duplicate
    /// Not processed: a newer upload of the same name replaced it first.
    case superseded
    /// Checked as if uploaded (from `/validate` or `panda validate`); nothing applied.
    case dryRun = "dry_run"

    /// Whether the file's rows are in the records.
    public var isApplied: Bool { self == .processed || self == .processedWithErrors }
}

/// Where a file came from.
public enum FileSource: String, Sendable {
    case inbound, validate, manual
}

/// Which students a file may change (spec §6).
public enum FileScope: String, Sendable {
    /// Those in the account's current students.csv (automated uploads).
    case roster
    /// Those known to the account: on any of its rosters so far, or in its records (manual imports).
    case known
}

/// Rows per outcome; `read == created + updated + unchanged + skipped + rejected`.
public struct FileCounts: Sendable, Equatable {
    public var read = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0
    public var rejected = 0

    public init(
        read: Int = 0, created: Int = 0, updated: Int = 0, unchanged: Int = 0, skipped: Int = 0, rejected: Int = 0
    ) {
        self.read = read
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.skipped = skipped
        self.rejected = rejected
    }
}

/// What a file changed beyond its rows, and what the safety threshold compared.
public struct FileChanges: Sendable, Equatable {
    /// Active students (UserStatus 1) in the records before the file.
    public var activeStudents = 0
    /// Users the file moved from active (1) to inactive (2 or 3).
    public var deactivated = 0
    /// Program memberships the file ended (a `programuser` file is authoritative for the students it lists).
    public var membershipsEnded = 0
    /// Students who lost at least one membership.
    public var studentsLosingMemberships = 0
    /// The account's threshold when the file was processed (percent of active students).
    public var thresholdPercent = 0

    public init(
        activeStudents: Int = 0, deactivated: Int = 0, membershipsEnded: Int = 0, studentsLosingMemberships: Int = 0,
        thresholdPercent: Int = 0
    ) {
        self.activeStudents = activeStudents
        self.deactivated = deactivated
        self.membershipsEnded = membershipsEnded
        self.studentsLosingMemberships = studentsLosingMemberships
        self.thresholdPercent = thresholdPercent
    }

    /// Whether the file deactivates, or ends the memberships of, more than the threshold allows.
    public var exceedsThreshold: Bool {
        func over(_ count: Int) -> Bool { count > 0 && count * 100 > thresholdPercent * activeStudents }
        return over(deactivated) || over(studentsLosingMemberships)
    }
}

/// Why a whole file was rejected: a stable code (docs/errors.md) and a message for the institution.
public struct FileProblem: Sendable, Equatable {
    public var code: String
    public var message: String
    /// The line the problem was found on, when it is one line's fault (`mixed_keywords`).
    public var line: Int?

    public init(code: String, message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }
}

/// One row error as kept in the ledger (`file_errors`).
public struct StoredRowError: Sendable, Equatable {
    public var line: Int
    public var code: String
    public var field: String?
    public var message: String
    /// The row as uploaded with passwords shown as `***`.
    public var record: String

    public init(line: Int, code: String, field: String?, message: String, record: String) {
        self.line = line
        self.code = code
        self.field = field
        self.message = message
        self.record = record
    }
}
