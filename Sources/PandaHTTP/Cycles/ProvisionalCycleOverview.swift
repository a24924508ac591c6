import Foundation
import PandaCore
import PandaStore

/// PROVISIONAL: derives cycle states and coverage from what the store holds today (publications, the
/// download audit lines, the intake queue and the file ledger), until the scheduler's cycle records are
/// merged; then an implementation of `CycleOverview` over those records replaces this type (only the
/// composition root in `panda serve` names it).
///
/// Coverage counts a student as having data of a type when a record of that type was created or changed on
/// the day (its provenance); a re-sent unchanged row does not count here, which the real implementation
/// (reading the day's applied files) fixes.
public struct ProvisionalCycleOverview: CycleOverview {
    let store: Store

    public init(store: Store) { self.store = store }

    public func today(account: Account, now: Date) throws -> CycleSummary {
        let calendar = try calendar(for: account)
        return try summary(account, day: calendar.day(of: now), calendar: calendar, now: now)
    }

    public func recent(account: Account, days: Int, now: Date) throws -> [CycleSummary] {
        let calendar = try calendar(for: account)
        let today = calendar.day(of: now)
        return try (0..<max(1, days)).map {
            try summary(account, day: today.adding(days: -$0), calendar: calendar, now: now)
        }
    }

    public func coverage(account: Account, day: LocalDate) throws -> CycleCoverageSummary {
        let roster = try store.roster.list(account.username)
        let touched = try store.records.studentsChanged(account: account.username, cycleDay: day.description)
        let files = try store.files.recent(account: account.username, limit: 500).filter {
            $0.cycleDay == day.description && $0.status.isApplied
        }
        let types = ["user", "propertyuserbyid", "programuser"].map { type in
            let withData = touched[type] ?? []
            let without = roster.filter { !withData.contains($0) }
            return CycleCoverageSummary.TypeCoverage(
                type: type, files: files.filter { $0.type == type }.map(\.id).sorted(),
                withData: roster.count - without.count, withoutCount: without.count, without: Array(without.prefix(100))
            )
        }
        return CycleCoverageSummary(
            day: day, expected: roster.count, expectedSource: "current roster", types: types,
            method: "provisional: records created or changed on the day")
    }

    private func calendar(for account: Account) throws -> ExchangeCalendar {
        let institution = try store.institutions.get(account.institutionID.rawValue)
        let zone = TimeZone(identifier: account.settings.timeZone ?? institution.timeZone) ?? .gmt
        let pauses = try store.calendar.pauses(of: account.username).map { $0.first...$0.last }
        return ExchangeCalendar(
            settings: account.settings, timeZone: zone,
            holidays: Set(try store.calendar.holidays(of: account.username)), pauses: pauses)
    }

    private func summary(_ account: Account, day: LocalDate, calendar: ExchangeCalendar, now: Date) throws
        -> CycleSummary
    {
        let username = account.username
        let cycle = calendar.cycle(on: day)
        let files = try store.files.recent(account: username, limit: 200).filter {
            $0.cycleDay == day.description && $0.status != .dryRun && $0.status != .superseded
        }.reversed()
        let isToday = day == calendar.day(of: now)
        let queued = isToday ? try store.importQueue.queued(account: username).filter { $0.folder == "inbound" } : []
        let publication = try store.publications.latest(account: username).flatMap {
            $0.localDate == day.description ? $0 : nil
        }
        var retrievedAt: Date?
        if let publication {
            retrievedAt = try store.audit.search(
                AuditQuery(
                    account: username, event: "file.download", text: "students.csv", since: publication.publishedAt,
                    limit: 1)
            ).last?.at
        }
        var result = CycleSummary(
            account: username, day: day, state: .none, reason: calendar.reasonWithoutCycle(on: day),
            publishAt: cycle?.publishAt, deadline: cycle?.deadline, publishedAt: publication?.publishedAt,
            retrievedAt: retrievedAt,
            files: files.map { .init(id: $0.id, name: $0.name, status: $0.status.rawValue) }, queued: queued.count)
        let outcomes = files.filter { $0.source != .manual }.map(\.status)
        result.state =
            if !queued.isEmpty {
                .uploaded
            } else if outcomes.contains(.held) {
                .held
            } else if outcomes.contains(where: { [.processedWithErrors, .rejected, .discarded].contains($0) }) {
                .processedWithErrors
            } else if !outcomes.isEmpty {
                .processed
            } else if let deadline = cycle?.deadline, now >= deadline {
                .missed
            } else if cycle == nil {
                .none
            } else if retrievedAt != nil {
                .retrieved
            } else if publication != nil {
                .published
            } else {
                .scheduled
            }
        if result.state != .none { result.reason = nil }
        return result
    }
}
