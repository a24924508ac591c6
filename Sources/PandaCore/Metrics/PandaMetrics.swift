/// The metric families a Panda server keeps in memory (those read from the store at scrape time are declared
/// by the HTTP server's endpoint). Names follow Prometheus conventions: `_total` counters, base units.
public enum PandaMetrics {
    public static let sshConnections = "panda_ssh_connections_total"
    public static let sshConnectionsRejected = "panda_ssh_connections_rejected_total"
    public static let sshConnectionsOpen = "panda_ssh_connections_open"
    public static let sshLogins = "panda_ssh_logins_total"
    public static let sshBans = "panda_ssh_bans_total"
    public static let sftpBytesReceived = "panda_sftp_received_bytes_total"
    public static let sftpBytesSent = "panda_sftp_sent_bytes_total"
    public static let importedFiles = "panda_import_files_total"
    public static let importedRows = "panda_import_rows_total"
    public static let importDuration = "panda_import_duration_seconds"
    public static let httpRequests = "panda_http_requests_total"
    public static let httpDuration = "panda_http_request_duration_seconds"

    /// Every in-memory family, in the order `/metrics` lists them.
    public static let families: [MetricFamilyDescription] = [
        .init(sshConnections, .counter, "SSH connections accepted."),
        .init(sshConnectionsRejected, .counter, "SSH connections closed at once, by reason (banned, shutting_down)."),
        .init(sshConnectionsOpen, .gauge, "SSH connections open now."),
        .init(sshLogins, .counter, "SSH authentication attempts by outcome (success, failure)."),
        .init(sshBans, .counter, "Addresses banned after repeated failed logins."),
        .init(sftpBytesReceived, .counter, "Bytes received over SSH channels, counted when a connection ends."),
        .init(sftpBytesSent, .counter, "Bytes sent over SSH channels, counted when a connection ends."),
        .init(importedFiles, .counter, "Files the importer handled since the start, by status."),
        .init(importedRows, .counter, "Rows the importer read since the start, by outcome."),
        .init(
            importDuration, .histogram, "Time to process one file, in seconds.",
            buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]),
        .init(httpRequests, .counter, "Admin HTTP requests by status class (2xx, 3xx, 4xx, 5xx)."),
        .init(
            httpDuration, .histogram, "Time to answer one admin HTTP request, in seconds.",
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]),
    ]

    /// A registry with every family declared, and the known label sets at zero (so a scrape shows every
    /// series from the start, and `rate()` sees the first increase).
    public static func registry() -> MetricsRegistry {
        let registry = MetricsRegistry(families)
        for name in [sshConnections, sshConnectionsOpen, sshBans, sftpBytesReceived, sftpBytesSent] {
            registry.increment(name, by: 0)
        }
        for reason in ["banned", "shutting_down"] {
            registry.increment(sshConnectionsRejected, [("reason", reason)], by: 0)
        }
        for outcome in ["success", "failure"] { registry.increment(sshLogins, [("outcome", outcome)], by: 0) }
        for outcome in ["created", "updated", "unchanged", "skipped", "rejected"] {
            registry.increment(importedRows, [("outcome", outcome)], by: 0)
        }
        for status in ["processed", "processed_with_errors", "rejected", "held", "duplicate", "dry_run"] {
            registry.increment(importedFiles, [("status", status)], by: 0)
        }
        return registry
    }
}
