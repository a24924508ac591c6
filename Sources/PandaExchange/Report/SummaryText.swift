import Foundation
import PandaCore
import PandaStore

/// The human summary of a result report (`….summary.txt`, `panda report`): file, upload time, status,
/// counts, the first errors with their records, and what to do next.
public enum SummaryText {
    /// Errors shown in the summary; the errors CSV lists all of them.
    public static let shownErrors = 20

    public static func render(_ report: ResultReport) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
        }
        lines.append("Panda result report")
        lines.append("")
        add("File:", report.fileName)
        add("Uploaded:", report.uploadedAt.map(readable) ?? "-")
        guard let entry = report.entry else {
            add("Status:", "queued (waiting to be processed)")
            return lines.joined(separator: "\n") + "\n"
        }
        add("Processed:", readable(entry.processedAt))
        add("Type:", entry.type ?? "unknown")
        add("Status:", entry.status.rawValue + " (" + meaning(entry.status) + ")")
        let c = entry.counts
        add(
            "Rows:",
            "read \(c.read), created \(c.created), updated \(c.updated), unchanged \(c.unchanged),"
                + " skipped \(c.skipped), rejected \(c.rejected)")
        if entry.changes.deactivated > 0 || entry.changes.membershipsEnded > 0 || entry.status == .held {
            let x = entry.changes
            add(
                "Changes:",
                "\(x.deactivated) of \(x.activeStudents) active students deactivated, \(x.membershipsEnded)"
                    + " memberships of \(x.studentsLosingMemberships) students ended (threshold \(x.thresholdPercent) %)"
            )
        }
        add("SHA-256:", entry.sha256)
        if let problem = entry.problem {
            lines.append("")
            lines.append("The file was rejected whole (\(problem.code)): \(problem.message)")
        }
        let listed = report.errors.prefix(shownErrors)
        if !listed.isEmpty {
            lines.append("")
            let all = entry.errorsName.map { "all of them in \($0)" } ?? "all of them in the errors CSV"
            lines.append("First errors (\(listed.count) of \(entry.errorCount); \(all)):")
            for error in listed {
                let field = error.field.map { " \($0)" } ?? ""
                lines.append("  line \(error.line): \(error.code)\(field): \(error.message)")
                if !error.record.isEmpty { lines.append("    \(error.record)") }
            }
        }
        lines.append("")
        lines.append("What to do: " + advice(entry))
        return lines.joined(separator: "\n") + "\n"
    }

    static func readable(_ date: Date) -> String {
        Timestamp.iso8601(date).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }

    static func meaning(_ status: FileStatus) -> String {
        switch status {
        case .processed: "applied; every row was valid"
        case .processedWithErrors: "applied except the rejected rows listed below"
        case .rejected: "not applied: the file cannot be used"
        case .held: "not applied: waiting for the operator's approval"
        case .discarded: "not applied: the operator discarded it"
        case .duplicate: "not applied: the same content was already processed"
        case .superseded: "not processed: a newer upload of the same name replaced it"
        case .dryRun: "checked only; nothing was applied"
        }
    }

    static func advice(_ entry: FileEntry) -> String {
        switch entry.status {
        case .processed:
            return "nothing."
        case .processedWithErrors:
            return "correct the rejected rows (see the errors CSV: line, code, field, message, record) and upload"
                + " them again; rows already applied may be sent again, they count as unchanged."
        case .rejected:
            return "fix the problem above and upload the whole file again."
        case .held:
            return "nothing yet: the file would deactivate users or end program memberships of more than"
                + " \(entry.changes.thresholdPercent) % of the active students, so the operator must approve it"
                + " first. If that is not intended, upload a corrected file and ask the operator to discard this one."
        case .discarded:
            return "upload a corrected file if the data is still to be sent."
        case .duplicate:
            let earlier = entry.duplicateOf.map { " (file \($0))" } ?? ""
            return "nothing: this content was already processed\(earlier). To send changes, upload a file with"
                + " the changes."
        case .superseded:
            return "nothing: the newer upload of \(entry.name) is processed instead."
        case .dryRun:
            return entry.errorCount > 0 || entry.problem != nil
                ? "correct the errors before uploading the file to the inbound folder."
                : "upload the file to the inbound folder to apply these changes."
        }
    }
}
