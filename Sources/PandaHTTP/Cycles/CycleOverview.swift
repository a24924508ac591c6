import Foundation
import PandaCore
import PandaStore

/// What the API and the dashboard need to know about cycles: the state of an account's cycle on a day, and
/// which expected students received data. A seam: the scheduler's own cycle records replace the provisional
/// implementation (`StoreCycleOverview`, over the scheduler's records) without touching the routes or pages.
public protocol CycleOverview: Sendable {
    /// The account's cycle on its local day at `now`.
    func today(account: Account, now: Date) throws -> CycleSummary
    /// The cycles of the `days` local days up to and including today, newest first.
    func recent(account: Account, days: Int, now: Date) throws -> [CycleSummary]
    /// Which of the day's expected students received data, per file type.
    func coverage(account: Account, day: LocalDate) throws -> CycleCoverageSummary
}

/// The states of spec §1 (`panda status`, the JSON contract's `state`).
public enum CycleSummaryState: String, Sendable, CaseIterable {
    case scheduled, published, retrieved, uploaded, processed
    case processedWithErrors = "processed_with_errors"
    case held, missed, none
}

/// One account's cycle of one day.
public struct CycleSummary: Sendable, Equatable {
    public var account: String
    public var day: LocalDate
    public var state: CycleSummaryState
    /// Why the day has no cycle (weekend, holiday, pause), for state `none`.
    public var reason: String?
    /// Planned publish time and deadline; nil on a day without a cycle.
    public var publishAt: Date?
    public var deadline: Date?
    public var publishedAt: Date?
    public var retrievedAt: Date?
    /// The cycle's files (id, name, status), oldest first.
    public var files: [CycleFile]
    /// Uploads waiting for the importer.
    public var queued: Int

    public struct CycleFile: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var status: String

        public init(id: Int64, name: String, status: String) {
            self.id = id
            self.name = name
            self.status = status
        }
    }

    public init(
        account: String, day: LocalDate, state: CycleSummaryState, reason: String? = nil, publishAt: Date? = nil,
        deadline: Date? = nil, publishedAt: Date? = nil, retrievedAt: Date? = nil, files: [CycleFile] = [],
        queued: Int = 0
    ) {
        self.account = account
        self.day = day
        self.state = state
        self.reason = reason
        self.publishAt = publishAt
        self.deadline = deadline
        self.publishedAt = publishedAt
        self.retrievedAt = retrievedAt
        self.files = files
        self.queued = queued
    }
}

/// A cycle's coverage: of the expected students, who received data of each type.
public struct CycleCoverageSummary: Sendable, Equatable {
    public var day: LocalDate
    public var expected: Int
    /// Where the expected students were read from (e.g. `current roster`).
    public var expectedSource: String
    public var types: [TypeCoverage]
    /// How `withData` was established, for readers of the API (the provisional overview says so).
    public var method: String

    public struct TypeCoverage: Sendable, Equatable {
        /// The format's keyword: `user`, `propertyuserbyid`, `programuser`.
        public var type: String
        public var files: [Int64]
        public var withData: Int
        public var withoutCount: Int
        /// Expected students without data, in UserID order (at most the first 100).
        public var without: [String]

        public init(type: String, files: [Int64], withData: Int, withoutCount: Int, without: [String]) {
            self.type = type
            self.files = files
            self.withData = withData
            self.withoutCount = withoutCount
            self.without = without
        }
    }

    public init(day: LocalDate, expected: Int, expectedSource: String, types: [TypeCoverage], method: String) {
        self.day = day
        self.expected = expected
        self.expectedSource = expectedSource
        self.types = types
        self.method = method
    }
}
