import Foundation
import PandaCore
import PandaStore

/// One account's cycle of one day as the operator sees it (`panda status`): the state follows from the
/// cycle's record (publication, retrieval, the deadline's decision), the intake queue and the file ledger.
///
/// A file belongs to the cycle whose students.csv was current when it was uploaded (the latest published
/// before it), so a file sent at night for yesterday's students.csv counts for yesterday's cycle.
public struct CycleStatus: Sendable {
    public var schedule: AccountCalendar
    public var day: LocalDate
    public var state: CycleState
    /// Why the day has no cycle (state `none`).
    public var reason: String?
    /// The planned publish time and deadline (nil on a day without a cycle).
    public var publishAt: Date?
    public var deadline: Date?
    public var record: CycleRecord?
    /// The cycle's files from uploads and manual imports (dry runs excluded), oldest first.
    public var files: [FileEntry]
    /// The cycle's uploads still waiting for the importer.
    public var queued: [UploadRecord]

    /// Files arrived after the deadline of a cycle that was missed.
    public var late: Bool { record?.missed == true && state != .missed }

    public var account: Account { schedule.account }

    /// The status of `day` (the account's local day at `now` when nil).
    public static func read(
        _ schedule: AccountCalendar, day: LocalDate? = nil, now: Date, store: Store
    ) throws -> CycleStatus {
        let username = schedule.account.username
        let day = day ?? schedule.day(of: now)
        let cycle = schedule.cycle(on: day)
        let record = try store.cycles.find(account: username, day: day)
        let files = try store.files.list(account: username, cycleDay: day).filter { $0.status != .dryRun }
        var queued: [UploadRecord] = []
        if let publishedAt = record?.publishedAt {
            for upload in try store.importQueue.queued(account: username)
            where upload.folder == AccountFolder.inbound.rawValue && upload.uploadedAt >= publishedAt {
                if try store.cycles.current(account: username, at: upload.uploadedAt)?.day == day {
                    queued.append(upload)
                }
            }
        }
        var status = CycleStatus(
            schedule: schedule, day: day, state: .none, reason: nil, publishAt: cycle?.publishAt,
            deadline: cycle?.deadline, record: record, files: files, queued: queued)
        status.state = status.derivedState(now: now)
        if status.state == .none { status.reason = schedule.reasonWithoutCycle(on: day) }
        return status
    }

    /// The state, from the most advanced fact: uploads and files first (a late upload still counts), then
    /// the deadline, the download and the publication.
    func derivedState(now: Date) -> CycleState {
        if !queued.isEmpty { return .uploaded }
        let outcomes = files.filter { $0.source != .manual }.map(\.status).filter { $0 != .superseded }
        if outcomes.contains(.held) { return .held }
        if outcomes.contains(where: { [.processedWithErrors, .rejected, .discarded].contains($0) }) {
            return .processedWithErrors
        }
        if !outcomes.isEmpty { return .processed }
        guard let deadline else {
            // Not a cycle (any more): what was recorded while it was one still shows.
            guard let record else { return .none }
            return record.missed ? .missed : record.retrievedAt != nil ? .retrieved : .published
        }
        // Past the deadline with nothing received: missed, even before a scheduler has recorded it (the
        // server is not running).
        if record?.missed == true || (record?.decidedAt == nil && now >= deadline) { return .missed }
        if record?.retrievedAt != nil { return .retrieved }
        if record?.publishedAt != nil { return .published }
        return .scheduled
    }
}
