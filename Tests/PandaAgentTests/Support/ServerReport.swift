import Foundation
import PandaCore
import PandaExchange
import PandaStore

/// Result reports exactly as the server writes them (its own `SummaryText`), for the stand-in server.
enum ServerReport {
    /// The summary of an upload named `name` with content `bytes`, processed at `processedAt`.
    static func summary(
        _ name: String, bytes: [UInt8], status: FileStatus, counts: FileCounts, processedAt: Date,
        errors: [StoredRowError] = [], problem: FileProblem? = nil
    ) -> (name: String, text: String) {
        let base = name + "." + Timestamp.compact(processedAt)
        var entry = FileEntry(
            id: 7, account: "uni1", uploadID: 7, source: .inbound, scope: .roster, name: name, type: "user",
            sha256: Digest.sha256Hex(bytes), size: Int64(bytes.count), uploadedAt: processedAt,
            processedAt: processedAt, cycleDay: "2026-12-04", status: status, counts: counts,
            errorCount: errors.count, problem: problem, summaryName: base + ".summary.txt",
            errorsName: base + ".errors.csv")
        entry.type = "user"
        return (base + ".summary.txt", SummaryText.render(ResultReport(entry: entry, errors: errors)))
    }

    /// A `respond` function for `MemoryExchange`: every upload is processed after `delay` seconds with
    /// `counts` (read = the rows uploaded) and `rejected` rows.
    /// With `dryRun`, the report of a file put in `/validate`: status `dry_run`, nothing applied.
    static func processing(
        clock: ManualClock, delay: Double = 4, rejected: Int = 0, dryRun: Bool = false
    ) -> (String, [UInt8]) -> MemoryExchange.Report? {
        { name, bytes in
            let rows = bytes.split(separator: UInt8(ascii: "\n")).count
            let counts = FileCounts(read: rows, created: rows - rejected, rejected: rejected)
            let errors = (0..<rejected).map {
                StoredRowError(
                    line: $0 + 1, code: "invalid_email", field: "Email", message: "not an e-mail address", record: "")
            }
            let report = summary(
                name, bytes: bytes, status: dryRun ? .dryRun : rejected > 0 ? .processedWithErrors : .processed,
                counts: counts,
                processedAt: clock.now().addingTimeInterval(delay), errors: errors)
            return MemoryExchange.Report(
                readyAfter: delay, summaryName: report.name, summary: report.text,
                errors: "line,code,field,message,record\n")
        }
    }
}
