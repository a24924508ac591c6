import Foundation
import PandaCore
import PandaStore

extension NotificationEvent {
    /// The notification an uploaded file's outcome calls for: `file.rejected`, `file.processed_with_errors`
    /// or `file.held`; nil for outcomes nobody needs to act on.
    static func fileOutcome(_ entry: FileEntry) -> NotificationEvent? {
        let c = entry.counts
        let kind: Kind
        let summary: String
        switch entry.status {
        case .rejected:
            kind = .fileRejected
            summary =
                "\(entry.account): \(entry.name) was rejected: "
                + (entry.problem?.message ?? "the file could not be read")
        case .processedWithErrors:
            kind = .fileProcessedWithErrors
            summary =
                "\(entry.account): \(entry.name) was processed; \(c.rejected) of \(c.read) rows were rejected"
                + " (see \(entry.summaryName ?? "its report") in results)"
        case .held:
            let changes = entry.changes
            let what =
                changes.deactivated >= changes.studentsLosingMemberships
                ? "deactivate \(changes.deactivated)" : "end memberships of \(changes.studentsLosingMemberships)"
            kind = .fileHeld
            summary =
                "\(entry.account): \(entry.name) is held: it would \(what) of \(changes.activeStudents) active"
                + " students (threshold \(changes.thresholdPercent) %); an operator must approve or discard it"
        default:
            return nil
        }
        var details: [(String, JSONValue)] = [
            ("fileId", .int(entry.id)), ("file", .string(entry.name)), ("status", .string(entry.status.rawValue)),
            ("type", .optional(entry.type)), ("cycleDay", .string(entry.cycleDay)),
            ("uploadedAt", .date(entry.uploadedAt)),
            ("counts", ReportJSON.counts(c)),
            ("errorCount", .int(entry.errorCount)), ("report", .optional(entry.summaryName)),
        ]
        if let problem = entry.problem { details.append(("problem", .string(problem.code))) }
        if entry.status == .held {
            let changes = entry.changes
            details.append(
                (
                    "changes",
                    .object([
                        ("activeStudents", .int(changes.activeStudents)), ("deactivated", .int(changes.deactivated)),
                        ("studentsLosingMemberships", .int(changes.studentsLosingMemberships)),
                        ("thresholdPercent", .int(changes.thresholdPercent)),
                    ])
                ))
        }
        return NotificationEvent(
            kind: kind, account: entry.account, occurredAt: entry.processedAt, summary: summary, details: details)
    }
}
