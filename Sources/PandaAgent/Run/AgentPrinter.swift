/// The human lines of a run: what was found in each file, and a short summary at the end.
struct AgentPrinter {
    let write: (String) -> Void

    func line(_ text: String) { write(text + "\n") }

    /// Filtering and validation of one file, with its first row errors (records never show a Password).
    func checked(_ report: FileReport) {
        var text = "\(report.name):"
        if let type = report.check?.format?.keyword { text += " \(type) rows," }
        if let filter = report.filter {
            text += " read \(filter.read), kept \(filter.kept), dropped \(filter.dropped) not listed in students.csv"
            if !filter.filtered && filter.read > 0 { text += " (definitions: sent whole)" }
        } else if let check = report.check {
            text += " read \(check.counts.read) (not filtered)"
        }
        line(text)
        guard let check = report.check else { return }
        if let problem = check.problem {
            line("  file problem (\(check.problemCode ?? "")): \(problem)")
        }
        for error in check.errors {
            let original = report.filter?.lineMap[error.line] ?? error.line
            let place = original == error.line ? "line \(error.line)" : "line \(error.line) (export line \(original))"
            let field = error.field.map { " \($0)" } ?? ""
            line("  \(place): \(error.code.rawValue)\(field): \(error.message)")
            if !error.record.isEmpty { line("    \(error.record)") }
        }
        if check.errorCount > check.errors.count {
            line("  … and \(check.errorCount - check.errors.count) more row errors")
        }
        switch report.outcome {
        case .notUploaded(let reason): line("  not uploaded: \(reason)")
        case .ready where check.errorCount > 0:
            line(
                "  \(check.counts.rejected) row\(check.counts.rejected == 1 ? "" : "s") will be rejected by the"
                    + " server, the others applied (--strict holds such files back)")
        default: break
        }
    }

    /// One line per file and the exit status, at the end of the run.
    func summary(_ files: [FileReport], status: AgentExitStatus, options: AgentOptions) {
        line("")
        line("summary (\(files.count) file\(files.count == 1 ? "" : "s")):")
        let width = files.map(\.name.count).max() ?? 0
        for file in files {
            let name = file.name + String(repeating: " ", count: width - file.name.count)
            line("  \(name)  \(describe(file, options: options))")
        }
        line("exit status \(status.rawValue): \(meaning(status, dryRun: options.dryRun || options.serverCheck))")
    }

    private func describe(_ file: FileReport, options: AgentOptions) -> String {
        switch file.outcome {
        case .ready: return "not uploaded"
        case .notUploaded(let reason): return "not uploaded: \(reason)"
        case .checked(let rowErrors):
            return rowErrors == 0
                ? "valid (dry run, not uploaded)" : "\(rowErrors) rows with errors (dry run, not uploaded)"
        case .uploadFailed(let reason, let removed):
            return "upload failed: \(reason)" + (removed ? "" : " (a partial .part file may remain)")
        case .noReport:
            return "uploaded, but no report within \(options.waitSeconds) s; see `\(options.resultsFolder)` later"
        case .reported(let summary):
            var text = "\(summary.status)\(Self.note(summary.status)): \(summary.countsText)"
            if let problem = summary.problem { text += "; \(problem)" }
            if let report = file.savedReports.first { text += "; report \(report)" }
            return text
        }
    }

    /// Why a status that is not plain success needs attention.
    static func note(_ status: String) -> String {
        switch status {
        case "held": " (not applied: waiting for the operator's approval)"
        case "rejected": " (not applied: the file was rejected whole)"
        case "superseded": " (not processed: a newer upload of the same name replaced it)"
        case "discarded": " (not applied: the operator discarded it)"
        case "duplicate": " (already processed earlier: nothing to apply)"
        case "dry_run": " (checked by the server, nothing applied)"
        default: ""
        }
    }

    private func meaning(_ status: AgentExitStatus, dryRun: Bool) -> String {
        switch status {
        case .success: dryRun ? "every file is valid" : "every file was processed without row errors"
        case .rowsRejected:
            dryRun ? "some rows would be rejected" : "processed, but some rows were rejected (see the saved reports)"
        case .problem: "a problem needs attention (see above)"
        case .usage: "usage error"
        }
    }
}
