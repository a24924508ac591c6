import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// Cycles for the API, the dashboard and the metrics, exactly as `panda status` reports them: the
/// scheduler's cycle records, the intake queue and the file ledger (`CycleStatus`), and coverage read back
/// from each applied file of the cycle (`CycleCoverage`).
public struct CycleOverview: Sendable {
    let store: Store
    let dataDirectory: String
    /// Students without data listed per type (the API and the dashboard show the first ones).
    static let listLimit = 100

    public init(store: Store, dataDirectory: String) {
        self.store = store
        self.dataDirectory = dataDirectory
    }

    /// The account's cycle on its local day at `now`.
    func today(account: Account, now: Date) throws -> CycleStatus {
        try CycleStatus.read(try AccountCalendar.load(account, from: store), now: now, store: store)
    }

    /// The account's cycle of the local day `day`, as it stands at `now`.
    func cycle(account: Account, day: LocalDate, now: Date) throws -> CycleStatus {
        try CycleStatus.read(try AccountCalendar.load(account, from: store), day: day, now: now, store: store)
    }

    /// The cycles of the `days` local days up to and including today, newest first.
    func recent(account: Account, days: Int, now: Date) throws -> [CycleStatus] {
        let schedule = try AccountCalendar.load(account, from: store)
        let today = schedule.day(of: now)
        return try (0..<max(1, days)).map {
            try CycleStatus.read(schedule, day: today.adding(days: -$0), now: now, store: store)
        }
    }

    /// Which of the day's expected students received data, per file type.
    func coverage(account: Account, day: LocalDate) throws -> CycleCoverage {
        let schedule = try AccountCalendar.load(account, from: store)
        let status = try CycleStatus.read(schedule, day: day, now: store.clock.now(), store: store)
        return try CycleCoverage.compute(
            account: account.username, day: day, files: status.files, store: store, dataDirectory: dataDirectory,
            listLimit: Self.listLimit)
    }

    /// How coverage is established, for readers of the API and the dashboard.
    static let coverageMethod = "rows applied from the cycle's files, read back from their kept copies"
}
