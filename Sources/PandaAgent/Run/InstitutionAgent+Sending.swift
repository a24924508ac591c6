import Foundation
import PandaCore

extension InstitutionAgent {
    /// Uploads the files that may go, in processing order, then waits for their reports.
    func send(_ files: inout [FileReport], remote: any RemoteExchange) throws {
        let order = files.indices.filter { files[$0].outcome == .ready }.sorted { a, b in
            let first = files[a].check?.format?.processingOrder ?? Int.max
            let second = files[b].check?.format?.processingOrder ?? Int.max
            return first == second ? a < b : first < second
        }
        guard !order.isEmpty else { return }
        let existing: Set<String>
        do {
            existing = try ReportWaiter.summaries(in: remote, folder: options.resultsFolder)
        } catch {
            throw AgentError.connection("cannot list \(options.resultsFolder): \(error); check --results")
        }
        let upload = AtomicUpload(remote: remote, folder: options.uploadFolder)
        var pending: [ReportWaiter.Pending] = []
        for index in order {
            let file = files[index]
            let local = file.localPath ?? file.path
            let sha256 = try FileDigest.sha256Hex(path: local)
            let uploadedAt = clock.now()
            do {
                try upload.send(local, as: file.name)
                files[index].outcome = .noReport
                pending.append(ReportWaiter.Pending(name: file.name, sha256: sha256, uploadedAt: uploadedAt))
                logger.info("file_uploaded", ["file": upload.path(file.name), "sha256": sha256])
                printer.line("\(file.name): uploaded to \(upload.path(file.name))")
            } catch {
                files[index].outcome = .uploadFailed(reason: error.reason, partialRemoved: error.partialRemoved)
                logger.error(
                    "upload_failed",
                    ["file": file.name, "reason": error.reason, "partial_removed": String(error.partialRemoved)])
                printer.line(
                    "\(file.name): upload failed: \(error.reason); "
                        + (error.partialRemoved
                            ? "the partial file was removed"
                            : "the partial file \(error.temporaryName) could not be removed: remove it by hand"))
            }
        }
        guard !pending.isEmpty else { return }
        printer.line("waiting up to \(options.waitSeconds) s for the result reports in \(options.resultsFolder)")
        let waiter = ReportWaiter(remote: remote, clock: clock, options: options, existing: existing)
        let found = try waiter.wait(for: pending)
        for index in order where files[index].outcome == .noReport {
            guard let (name, summary, text) = found[files[index].name] else {
                logger.error("report_missing", ["file": files[index].name, "waited_s": String(options.waitSeconds)])
                continue
            }
            files[index].outcome = .reported(summary)
            files[index].savedReports = try save(name, text: text, remote: remote, waiter: waiter)
            logger.info(
                "report_received",
                ["file": files[index].name, "status": summary.status, "report": name.summary])
        }
    }

    /// Writes the summary and downloads the errors CSV into the reports directory.
    func save(_ name: ReportName, text: String, remote: any RemoteExchange, waiter: ReportWaiter) throws
        -> [String]
    {
        let directory = options.reportsDirectory
        let summaryPath = (directory as NSString).appendingPathComponent(name.summary)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: summaryPath))
        } catch {
            throw AgentError.reportsDirectory(path: directory, reason: error.localizedDescription)
        }
        let errorsPath = (directory as NSString).appendingPathComponent(name.errors)
        do {
            try remote.download(waiter.path(name.errors), to: errorsPath)
            return [summaryPath, errorsPath]
        } catch {
            logger.warning("errors_csv_missing", ["report": name.errors, "reason": "\(error)"])
            return [summaryPath]
        }
    }
}
