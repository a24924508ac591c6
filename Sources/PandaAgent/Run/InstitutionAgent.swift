import Foundation
import PandaCore
import PandaFormats

/// One run of the agent: check the inputs, connect, fetch students.csv, filter and validate every file,
/// upload the good ones atomically in processing order, wait for their reports, and sum up.
public final class InstitutionAgent {
    let options: AgentOptions
    let clock: any AgentClock
    let logger: Logger
    let printer: AgentPrinter

    /// - Parameter output: receives the human lines (standard output in the command line).
    public init(
        options: AgentOptions, clock: any AgentClock = SystemAgentClock(), logger: Logger,
        output: @escaping (String) -> Void
    ) {
        self.options = options
        self.clock = clock
        self.logger = logger
        self.printer = AgentPrinter(write: output)
    }

    /// Runs the agent; `connect` opens the connection (its errors say what to fix). Never throws: every
    /// outcome ends in the returned result and its exit status.
    public func run(connect: () throws -> any RemoteExchange) -> AgentRunResult {
        var files: [FileReport] = []
        do {
            try checkInputs()
            let workspace = try AgentWorkspace(root: options.temporaryRoot)
            defer { workspace.remove() }
            let remote: any RemoteExchange
            do {
                remote = try connect()
            } catch {
                throw AgentError.connection("\(error)")
            }
            logger.info("connected")
            let students = try fetchStudents(remote)
            for path in options.files {
                files.append(prepare(path, students: students, workspace: workspace))
            }
            if !options.dryRun {
                try send(&files, remote: remote, workspace: workspace)
            }
        } catch {
            let message = (error as? any UserFacingError)?.message ?? "\(error)"
            logger.error("agent_failed", ["reason": message])
            return AgentRunResult(exitStatus: .problem, files: files, message: message)
        }
        let status = files.map(\.outcome.exitStatus).max() ?? .success
        printer.summary(files, status: status, options: options)
        logger.info("agent_finished", ["exit_status": String(status.rawValue), "files": String(files.count)])
        return AgentRunResult(exitStatus: status, files: files, message: nil)
    }

    // MARK: - Steps

    private func checkInputs() throws {
        for path in options.files {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw AgentError.inputFile(path: path, reason: String(cString: strerror(errno)))
            }
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw AgentError.inputFile(path: path, reason: "not a regular file")
            }
            guard access(path, R_OK) == 0 else {
                throw AgentError.inputFile(path: path, reason: String(cString: strerror(errno)))
            }
        }
        guard !options.dryRun else { return }
        let directory = options.reportsDirectory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AgentError.reportsDirectory(path: directory, reason: error.localizedDescription)
        }
        guard access(directory, W_OK) == 0 else {
            throw AgentError.reportsDirectory(path: directory, reason: String(cString: strerror(errno)))
        }
    }

    private func fetchStudents(_ remote: any RemoteExchange) throws -> StudentList? {
        guard !options.noFilter else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try remote.read(options.studentsPath)
        } catch {
            throw AgentError.studentsUnavailable(path: options.studentsPath, reason: "\(error)")
        }
        let students = try StudentList.parse(bytes)
        logger.info("students_fetched", ["path": options.studentsPath, "students": String(students.count)])
        printer.line("\(options.studentsPath): \(students.count) student\(students.count == 1 ? "" : "s") listed")
        return students
    }

    /// Filters and validates one file, and decides whether it may be uploaded.
    private func prepare(_ path: String, students: StudentList?, workspace: AgentWorkspace) -> FileReport {
        let name = (path as NSString).lastPathComponent
        var report = FileReport(path: path, name: name, outcome: .notUploaded(reason: ""))
        var uploadPath = path
        if let students {
            let destination = workspace.file(name)
            do {
                let filter = try ExportFilter(students: students).filter(path, to: destination)
                report.filter = filter
                uploadPath = destination
                logger.info(
                    "file_filtered",
                    [
                        "file": name, "read": String(filter.read), "kept": String(filter.kept),
                        "dropped": String(filter.dropped),
                    ])
            } catch {
                // Not CSV at all: validation of the original says why, and the file is not uploaded.
                logger.warning("file_not_filtered", ["file": name, "reason": "\(error)"])
            }
        }
        let check = LocalCheck.run(path: uploadPath)
        report.check = check
        report.localPath = uploadPath
        report.outcome = decide(report, check: check)
        logger.info(
            "file_checked",
            [
                "file": name, "rows": String(check.counts.read), "row_errors": String(check.errorCount),
                "problem": check.problemCode ?? "-",
            ])
        printer.checked(report)
        return report
    }

    private func decide(_ report: FileReport, check: LocalCheckResult) -> FileOutcome {
        if let filter = report.filter, filter.read > 0, filter.kept == 0 {
            return .notUploaded(
                reason: "none of its \(filter.read) rows is for a student listed in students.csv; nothing to send")
        }
        if let problem = check.problem {
            return .notUploaded(reason: "the server would reject it whole (\(check.problemCode ?? "")): \(problem)")
        }
        if check.errorCount > 0 && options.strict {
            return .notUploaded(reason: "\(check.errorCount) row error\(check.errorCount == 1 ? "" : "s") and --strict")
        }
        if options.dryRun { return .checked(rowErrors: check.counts.rejected) }
        return .ready
    }

    /// Uploads the files that may go, in processing order, then waits for their reports.
    private func send(_ files: inout [FileReport], remote: any RemoteExchange, workspace: AgentWorkspace) throws {
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
        let upload = AtomicUpload(remote: remote, folder: options.inboundFolder)
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
    private func save(_ name: ReportName, text: String, remote: any RemoteExchange, waiter: ReportWaiter) throws
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

/// How a run ended.
public struct AgentRunResult: Sendable {
    public var exitStatus: AgentExitStatus
    public var files: [FileReport]
    /// Why the run stopped before handling the files, if it did.
    public var message: String?
}
