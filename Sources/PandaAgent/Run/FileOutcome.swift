/// How one file ended.
public enum FileOutcome: Sendable, Equatable {
    /// Checked and about to be uploaded.
    case ready
    /// Not sent: a file-level problem, or row errors with --strict.
    case notUploaded(reason: String)
    /// --dry-run: checked only; `rowErrors` rows would be rejected.
    case checked(rowErrors: Int)
    /// The upload failed; `partialRemoved` says whether the temporary file was removed.
    case uploadFailed(reason: String, partialRemoved: Bool)
    /// Uploaded, but no report arrived within --wait.
    case noReport
    /// Uploaded and reported by the server.
    case reported(ReportSummary)

    /// What this outcome contributes to the exit status.
    public var exitStatus: AgentExitStatus {
        switch self {
        case .ready, .notUploaded, .uploadFailed, .noReport: return .problem
        case .checked(let rowErrors): return rowErrors > 0 ? .rowsRejected : .success
        case .reported(let summary):
            switch summary.status {
            case "processed", "duplicate": return .success
            case "processed_with_errors": return .rowsRejected
            // The server's dry run (`--server-check`): what would have happened.
            case "dry_run": return (summary.counts["rejected"] ?? 0) > 0 ? .rowsRejected : .success
            default: return .problem
            }
        }
    }
}

/// Everything the agent learned about one file, for the final summary.
public struct FileReport: Sendable {
    /// The path given on the command line.
    public var path: String
    /// The name it is uploaded under (the file's own name).
    public var name: String
    public var filter: FilterResult?
    public var check: LocalCheckResult?
    public var outcome: FileOutcome
    /// The file that is validated and uploaded: the filtered copy, or the original with --no-filter.
    public var localPath: String?
    /// Local paths of the saved summary and errors CSV.
    public var savedReports: [String] = []

    public init(path: String, name: String, outcome: FileOutcome) {
        self.path = path
        self.name = name
        self.outcome = outcome
    }
}
