import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// Cycles as `panda status` reports them: the scheduler's cycle records, the intake queue and the file
/// ledger (`CycleStatus`), and coverage read back from each applied file of the cycle (`CycleCoverage`).
public struct StoreCycleOverview: CycleOverview {
    let store: Store
    let dataDirectory: String
    /// Students without data listed per type (the API and the dashboard show the first ones).
    static let listLimit = 100

    public init(store: Store, dataDirectory: String) {
        self.store = store
        self.dataDirectory = dataDirectory
    }

    public func today(account: Account, now: Date) throws -> CycleSummary {
        let schedule = try AccountCalendar.load(account, from: store)
        return summary(try CycleStatus.read(schedule, now: now, store: store))
    }

    public func recent(account: Account, days: Int, now: Date) throws -> [CycleSummary] {
        let schedule = try AccountCalendar.load(account, from: store)
        let today = schedule.day(of: now)
        return try (0..<max(1, days)).map {
            summary(try CycleStatus.read(schedule, day: today.adding(days: -$0), now: now, store: store))
        }
    }

    public func coverage(account: Account, day: LocalDate) throws -> CycleCoverageSummary {
        let schedule = try AccountCalendar.load(account, from: store)
        let status = try CycleStatus.read(schedule, day: day, now: store.clock.now(), store: store)
        let coverage = try CycleCoverage.compute(
            account: account.username, day: day, files: status.files, store: store, dataDirectory: dataDirectory,
            listLimit: Self.listLimit)
        return CycleCoverageSummary(
            day: coverage.day, expected: coverage.expected, expectedSource: coverage.expectedSource,
            types: coverage.types.map {
                .init(
                    type: $0.type, files: $0.files, withData: $0.withData, withoutCount: $0.withoutCount,
                    without: $0.without)
            },
            method: "rows applied from the cycle's files, read back from their kept copies")
    }

    private func summary(_ status: CycleStatus) -> CycleSummary {
        CycleSummary(
            account: status.account.username, day: status.day,
            state: CycleSummaryState(rawValue: status.state.rawValue) ?? .none, reason: status.reason,
            publishAt: status.publishAt, deadline: status.deadline, publishedAt: status.record?.publishedAt,
            retrievedAt: status.record?.retrievedAt,
            files: status.files.map { .init(id: $0.id, name: $0.name, status: $0.status.rawValue) },
            queued: status.queued.count)
    }
}
