import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// `/metrics`: the in-memory families, plus counts read from the store at scrape time (files by status,
/// cycles by state, notification deliveries, queued uploads), so they are right even after a restart and
/// for work done by other processes (the CLI).
struct MetricsEndpoint: Sendable {
    let context: AdminContext

    static let filesByStatus = MetricFamilyDescription(
        "panda_files", .gauge, "Files in the ledger by status (all time, from the database).")
    static let cyclesByState = MetricFamilyDescription(
        "panda_cycles", .gauge, "Accounts by the state of today's cycle.")
    static let deliveries = MetricFamilyDescription(
        "panda_notification_deliveries", .gauge, "Notification deliveries by channel and status (from the database).")
    static let queuedUploads = MetricFamilyDescription(
        "panda_uploads_queued", .gauge, "Uploads waiting for the importer.")
    static let up = MetricFamilyDescription("panda_up", .gauge, "1 while the database answers.")

    func respond() -> HTTPResponse {
        var families = context.metrics.snapshot()
        families += storeFamilies()
        return .text(PrometheusText.render(families), contentType: PrometheusText.contentType)
    }

    private func storeFamilies() -> [MetricFamily] {
        let store = context.store
        var up = MetricFamily(description: Self.up)
        do {
            var files = MetricFamily(description: Self.filesByStatus)
            let counts = try store.statistics.filesByStatus()
            for status in FileStatus.allCases {
                files.values[[("status", status.rawValue)]] = Double(counts[status.rawValue] ?? 0)
            }
            var cycles = MetricFamily(description: Self.cyclesByState)
            for state in CycleState.allCases { cycles.values[[("state", state.rawValue)]] = 0 }
            let now = store.clock.now()
            for account in try store.accounts.list() {
                let state = (try? context.cycles.today(account: account, now: now).state) ?? .none
                cycles.values[[("state", state.rawValue)], default: 0] += 1
            }
            var deliveries = MetricFamily(description: Self.deliveries)
            for row in try store.statistics.deliveries() {
                deliveries.values[[("channel", row.channel), ("status", row.status)]] = Double(row.count)
            }
            var queued = MetricFamily(description: Self.queuedUploads)
            queued.values[[]] = Double(try store.statistics.queuedUploads())
            up.values[[]] = 1
            return [files, cycles, deliveries, queued, up]
        } catch {
            context.logger.error("metrics.store_failed", ["error": "\(error)"])
            up.values[[]] = 0
            return [up]
        }
    }
}
