/// The agent's exit statuses, for cron jobs and scripts (see `panda help agent`).
public enum AgentExitStatus: Int32, Sendable, Comparable {
    /// Every file was processed without row errors (with --dry-run: every file is valid).
    case success = 0
    /// Something needs attention: no connection, host key mismatch, login refused, a file rejected whole,
    /// held, not uploaded, or without a report within --wait.
    case problem = 1
    /// The command line cannot be understood.
    case usage = 2
    /// Every file was processed, but the server rejected some rows (the reports are saved).
    case rowsRejected = 3

    /// Which of two statuses wins when files end differently: a problem over rejected rows over success.
    private var severity: Int {
        switch self {
        case .success: 0
        case .rowsRejected: 1
        case .problem: 2
        case .usage: 3
        }
    }

    public static func < (lhs: AgentExitStatus, rhs: AgentExitStatus) -> Bool { lhs.severity < rhs.severity }
}
