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
                try send(&files, remote: remote)
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
}

/// How a run ended.
public struct AgentRunResult: Sendable {
    public var exitStatus: AgentExitStatus
    public var files: [FileReport]
    /// Why the run stopped before handling the files, if it did.
    public var message: String?
}
