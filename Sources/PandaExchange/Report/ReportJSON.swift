import Foundation
import PandaCore
import PandaStore

/// The JSON shape of a result report (`panda report --json`, the admin API); keys in a stable order, the
/// contract's first: file, uploadedAt, processedAt, type, status, counts, errors.
public enum ReportJSON {
    public static func object(_ report: ResultReport) -> JSONValue {
        let entry = report.entry
        let counts = entry?.counts ?? FileCounts()
        var pairs: [(String, JSONValue)] = [
            ("file", .string(report.fileName)), ("uploadedAt", .date(report.uploadedAt)),
        ]
        // A queued file has no processedAt at all (rather than null): it has not been processed.
        if let entry { pairs.append(("processedAt", .date(entry.processedAt))) }
        pairs += [
            ("type", .optional(entry?.type)),
            ("status", .string(report.statusText)),
            ("counts", Self.counts(counts)),
            ("errors", .array(report.listedErrors.map(error))),
            ("errorCount", .int(report.totalErrorCount)),
        ]
        guard let entry else {
            pairs.append(("account", .optional(report.queued?.account)))
            return .object(pairs)
        }
        let changes = entry.changes
        pairs += [
            ("id", .int(entry.id)),
            ("account", .string(entry.account)),
            ("source", .string(entry.source.rawValue)),
            ("size", .int(entry.size)),
            ("sha256", .string(entry.sha256)),
            ("cycleDay", .string(entry.cycleDay)),
            (
                "changes",
                .object([
                    ("activeStudents", .int(changes.activeStudents)), ("deactivated", .int(changes.deactivated)),
                    ("membershipsEnded", .int(changes.membershipsEnded)),
                    ("studentsLosingMemberships", .int(changes.studentsLosingMemberships)),
                    ("thresholdPercent", .int(changes.thresholdPercent)),
                    ("exceedsThreshold", .bool(changes.exceedsThreshold)),
                ])
            ),
            ("duplicateOf", entry.duplicateOf.map { .int($0) } ?? .null),
            ("reports", .object([("summary", .optional(entry.summaryName)), ("errors", .optional(entry.errorsName))])),
            ("decidedBy", .optional(entry.decidedBy)),
            ("decidedAt", .date(entry.decidedAt)),
            ("purgedAt", .date(entry.purgedAt)),
        ]
        return .object(pairs)
    }

    /// A file's row counts, as in the JSON contract.
    static func counts(_ counts: FileCounts) -> JSONValue {
        .object([
            ("read", .int(counts.read)), ("created", .int(counts.created)), ("updated", .int(counts.updated)),
            ("unchanged", .int(counts.unchanged)), ("skipped", .int(counts.skipped)),
            ("rejected", .int(counts.rejected)),
        ])
    }

    static func error(_ error: StoredRowError) -> JSONValue {
        .object([
            ("line", .int(error.line)), ("code", .string(error.code)), ("field", .optional(error.field)),
            ("message", .string(error.message)), ("record", .string(error.record)),
        ])
    }
}
