import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// JSON shapes the API adds to those it shares with the command line (`OperatorJSON`, `ReportJSON`).
enum APIJSON {
    static func cycle(_ c: CycleStatus) -> JSONValue {
        .object([
            ("account", .string(c.account.username)), ("day", .string(c.day.description)),
            ("state", .string(c.state.rawValue)),
            ("reason", .optional(c.reason)), ("publishAt", .date(c.publishAt)), ("deadline", .date(c.deadline)),
            ("publishedAt", .date(c.record?.publishedAt)), ("retrievedAt", .date(c.record?.retrievedAt)),
            (
                "files",
                .array(
                    c.files.map {
                        .object([
                            ("id", .int($0.id)), ("file", .string($0.name)), ("status", .string($0.status.rawValue)),
                        ])
                    })
            ),
            ("queued", .int(c.queued.count)),
        ])
    }

    static func coverage(_ c: CycleCoverage) -> JSONValue {
        .object([
            ("day", .string(c.day.description)), ("expected", .int(c.expected)),
            ("expectedSource", .string(c.expectedSource)), ("method", .string(CycleOverview.coverageMethod)),
            (
                "types",
                .array(
                    c.types.map { t in
                        .object([
                            ("type", .string(t.type)), ("files", .array(t.files.map { .int($0) })),
                            ("withData", .int(t.withData)), ("withoutCount", .int(t.withoutCount)),
                            ("without", .array(t.without.map(JSONValue.string))),
                        ])
                    })
            ),
        ])
    }

    static func provenance(_ p: RecordProvenance) -> JSONValue {
        .object([
            ("fileId", .int(p.fileID)), ("line", .int(p.line)), ("cycleDay", .string(p.cycleDay)),
            ("changedAt", .date(p.changedAt)),
        ])
    }

    static func record(_ d: UserRecordDetail) -> JSONValue {
        let u = d.user.record
        return .object([
            ("userId", .string(u.userID)), ("username", .optional(u.username)), ("firstName", .string(u.firstName)),
            ("lastName", .string(u.lastName)), ("email", .optional(u.email)), ("userType", .int(u.userType)),
            ("userStatus", .int(u.userStatus)), ("provenance", provenance(d.user.provenance)),
            (
                "properties",
                .array(
                    d.properties.map { p in
                        let label = d.propertyLabels[p.record.keyID + "/" + p.record.valueID]
                        return .object([
                            ("keyId", .string(p.record.keyID)), ("key", .optional(label?.keyLabel)),
                            ("valueId", .string(p.record.valueID)), ("value", .optional(label?.valueLabel)),
                            ("provenance", provenance(p.provenance)),
                        ])
                    })
            ),
            (
                "programs",
                .array(
                    d.memberships.map { m in
                        .object([
                            ("programId", .string(m.record.programID)),
                            ("title", .optional(d.programTitles[m.record.programID])),
                            ("provenance", provenance(m.provenance)),
                        ])
                    })
            ),
        ])
    }
}
