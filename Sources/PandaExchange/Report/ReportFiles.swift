import Foundation
import PandaCore
import PandaStore

/// Puts a file's reports into the account's `results/` folder atomically: each is written (or already
/// is) in the spool, made durable, and renamed into place, so a client never reads half a report.
struct ReportFiles {
    let storage: AccountStorage

    /// `<name>.<UTC yyyyMMddTHHmmssZ>` (spec §6), with `-ID` added when another file already used it.
    static func baseName(upload name: String, at date: Date, fileID: Int64, taken: Bool) -> String {
        // Names are at most 255 bytes; keep room for the time and the suffixes.
        var shortened = name
        while shortened.utf8.count > 180 { shortened.removeLast() }
        return shortened + "." + Timestamp.compact(date) + (taken ? "-\(fileID)" : "")
    }

    /// Writes the summary of `report` and moves the errors CSV from the spool (or rebuilds it from the
    /// stored errors when the spool copy is gone).
    func write(_ report: ResultReport) throws {
        guard let entry = report.entry, let summaryName = entry.summaryName, let errorsName = entry.errorsName else {
            return
        }
        if try storage.results.status(of: errorsName) == nil {
            if let spool = entry.errorsSpool, try storage.spool.status(of: spool) != nil {
                try storage.spool.rename(spool, to: storage.results, as: errorsName, replace: true)
            } else {
                let rebuilt = storage.newSpoolName(prefix: "import-errors")
                let file = try ErrorsCSVFile(in: storage, spoolName: rebuilt)
                for error in report.listedErrors { try file.append(error) }
                try file.finish()
                try storage.spool.rename(rebuilt, to: storage.results, as: errorsName, replace: true)
            }
        }
        try writeText(SummaryText.render(report), as: summaryName)
        try storage.results.synchronize()
    }

    /// Writes `text` as `results/NAME`, atomically (the day's cycle summary uses it too).
    func writeText(_ text: String, as name: String) throws {
        let spool = storage.newSpoolName(prefix: "import-summary")
        let fd = try storage.spool.openFile(spool, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        do {
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = try hostCall("write") {
                        Int32(truncatingIfNeeded: Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset))
                    }
                    offset += Int(n)
                }
            }
            try hostCall("fsync") { fsync(fd) }
            close(fd)
        } catch {
            close(fd)
            try? storage.spool.remove(spool)
            throw error
        }
        try storage.spool.rename(spool, to: storage.results, as: name, replace: true)
    }
}
