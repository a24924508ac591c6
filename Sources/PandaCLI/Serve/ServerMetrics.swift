import Foundation
import PandaCore
import PandaExchange
import PandaHTTP
import PandaSSH
import PandaStore

/// Feeds the server's metrics from the SSH server's events: connections, logins by outcome, bans, bytes.
struct SSHMetricsObserver: SSHServerObserver {
    let metrics: MetricsRegistry

    func observe(_ event: SSHServerEvent) {
        switch event {
        case .connectionOpened:
            metrics.increment(PandaMetrics.sshConnections)
            metrics.increment(PandaMetrics.sshConnectionsOpen)
        case .connectionRejected(_, let reason):
            let text =
                switch reason {
                case .banned: "banned"
                case .shuttingDown: "shutting_down"
                }
            metrics.increment(PandaMetrics.sshConnectionsRejected, [("reason", text)])
        case .authenticated:
            metrics.increment(PandaMetrics.sshLogins, [("outcome", "success")])
        case .authenticationFailed:
            metrics.increment(PandaMetrics.sshLogins, [("outcome", "failure")])
        case .banned:
            metrics.increment(PandaMetrics.sshBans)
        case .connectionClosed(_, _, _, let bytesIn, let bytesOut, _):
            metrics.increment(PandaMetrics.sshConnectionsOpen, by: -1)
            metrics.increment(PandaMetrics.sftpBytesReceived, by: Double(bytesIn))
            metrics.increment(PandaMetrics.sftpBytesSent, by: Double(bytesOut))
        case .refused, .subsystemOpened:
            break
        }
    }
}

/// Feeds the server's metrics from the importer: files by status, rows by outcome, time per file.
struct ImportMetricsObserver: ImportObserver {
    let metrics: MetricsRegistry

    func fileProcessed(_ entry: FileEntry, duration: Duration) {
        metrics.increment(PandaMetrics.importedFiles, [("status", entry.status.rawValue)])
        let c = entry.counts
        for (outcome, count) in [
            ("created", c.created), ("updated", c.updated), ("unchanged", c.unchanged), ("skipped", c.skipped),
            ("rejected", c.rejected),
        ] where count > 0 {
            metrics.increment(PandaMetrics.importedRows, [("outcome", outcome)], by: Double(count))
        }
        metrics.observe(PandaMetrics.importDuration, [], duration.seconds)
    }
}

/// Reads public keys for the admin API with the same parser and policy as `panda key add`.
struct SSHPublicKeyReader: PublicKeyReader {
    func read(_ text: String) throws -> NewPublicKey {
        try PublicKeyParser.parse(text).newPublicKey
    }
}
