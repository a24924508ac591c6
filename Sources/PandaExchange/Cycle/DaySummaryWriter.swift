import Foundation
import PandaCore
import PandaStore

/// Keeps `results/cycle-DAY.summary.txt` current: the day's summary with its coverage, where the
/// institution sees which expected students got no data while there is still time to send it.
///
/// Written when a cycle's files change (after each processed batch) and once its deadline is decided.
struct DaySummaryWriter: Sendable {
    let store: Store
    let dataDirectory: String
    let logger: Logger

    static func fileName(_ day: LocalDate) -> String { "cycle-\(day).summary.txt" }

    /// Rewrites the summaries of `records` that are out of date: the current cycle's (the latest published)
    /// when a file was processed since, and any decided cycle's not written since its decision.
    func refresh(_ schedule: AccountCalendar, records: [LocalDate: CycleRecord], now: Date) throws {
        let current = records.values.filter { $0.publishedAt != nil }.max { $0.publishedAt! < $1.publishedAt! }
        for record in records.values {
            let written = record.summaryAt ?? .distantPast
            var stale = record.decidedAt.map { $0 > written } ?? false
            if !stale && record.day == current?.day {
                let files = try store.files.list(account: record.account, cycleDay: record.day)
                stale = files.contains { $0.processedAt > written }
            }
            if stale { try write(schedule, day: record.day, now: now) }
        }
    }

    func write(_ schedule: AccountCalendar, day: LocalDate, now: Date) throws {
        let username = schedule.account.username
        let status = try CycleStatus.read(schedule, day: day, now: now, store: store)
        let coverage = try CycleCoverage.compute(
            account: username, day: day, files: status.files, store: store, dataDirectory: dataDirectory,
            listLimit: CycleSummaryText.listedStudents)
        let storage = try AccountStorage(dataDirectory: dataDirectory, username: username)
        try ReportFiles(storage: storage).writeText(
            CycleSummaryText.render(status, coverage: coverage), as: Self.fileName(day))
        try storage.results.synchronize()
        try store.cycles.markSummaryWritten(account: username, day: day, at: now)
        logger.info(
            "cycle.summary_written", ["account": username, "day": day.description, "state": status.state.rawValue])
    }
}
