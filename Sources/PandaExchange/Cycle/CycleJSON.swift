import Foundation
import PandaCore
import PandaStore

/// The JSON shapes of a cycle (`panda status --json`, later the admin API): keys in a stable order, the
/// contract's `state` among the first. No key is spelled like a state, so `grep '"missed"'` finds the state.
public enum CycleJSON {
    /// One account's cycle, its coverage when computed, and its `latest` files.
    public static func object(_ status: CycleStatus, coverage: CycleCoverage?, latest: [ResultReport]) -> JSONValue {
        let record = status.record
        var pairs: [(String, JSONValue)] = [
            ("account", .string(status.account.username)),
            ("institution", .string(status.account.institutionID.rawValue)),
            ("environment", .string(status.account.environment.rawValue)),
            ("timeZone", .string(status.schedule.timeZoneName)),
            ("day", .string(status.day.description)),
            ("state", .string(status.state.rawValue)),
            ("reason", .optional(status.reason)),
            (
                "cycle",
                .object([
                    ("publishAt", .date(status.publishAt)), ("deadline", .date(status.deadline)),
                    ("publishedAt", .date(record?.publishedAt)), ("retrievedAt", .date(record?.retrievedAt)),
                    ("decidedAt", .date(record?.decidedAt)), ("deadlineMissed", .bool(record?.missed ?? false)),
                    ("late", .bool(status.late)), ("serverWasDown", .bool(record?.serverWasDown ?? false)),
                    (
                        "files",
                        .array(
                            status.files.map {
                                .object([
                                    ("id", .int($0.id)), ("file", .string($0.name)),
                                    ("status", .string($0.status.rawValue)),
                                ])
                            })
                    ),
                    ("queued", .int(status.queued.count)),
                ])
            ),
        ]
        if let coverage { pairs.append(("coverage", object(coverage))) }
        pairs.append(("files", .array(latest.map(ReportJSON.object))))
        return .object(pairs)
    }

    public static func object(_ coverage: CycleCoverage) -> JSONValue {
        .object([
            ("day", .string(coverage.day.description)),
            ("expected", .int(coverage.expected)),
            ("expectedSource", .string(coverage.expectedSource)),
            (
                "types",
                .array(
                    coverage.types.map { type in
                        .object([
                            ("type", .string(type.type)),
                            ("files", .array(type.files.map { .int($0) })),
                            ("unreadableFiles", .array(type.unreadable.map { .int($0) })),
                            ("withData", .int(type.withData)),
                            ("withoutCount", .int(type.withoutCount)),
                            ("without", .array(type.without.map(JSONValue.string))),
                        ])
                    })
            ),
        ])
    }
}
