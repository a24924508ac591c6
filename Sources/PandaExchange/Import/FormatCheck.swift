import Foundation
import PandaFormats
import PandaStore

/// `panda validate FILE` without an account: the format and field rules only (no roster, no definitions,
/// no records), reported like any file.
public enum FormatCheck {
    /// The report (status `dry_run`, nothing created or updated) and how many rows are valid.
    public static func run(path: String, now: Date) throws -> (report: ResultReport, valid: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImportError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ImportError.cannotRead(path: path, reason: "not a regular file")
        }
        let producer = RowProducer(
            descriptor: fd, limits: CSVLimits(), students: nil, definitions: nil, errorsFile: nil)
        let channel = RowChannel()
        let finished = DispatchSemaphore(value: 0)
        let box = ResultBox()
        producer.start(into: channel) { result in
            box.result = result
            finished.signal()
        }
        var valid = 0
        while let chunk = channel.receive() { valid += chunk.count }
        finished.wait()
        let result = box.result!
        if let failure = result.failure { throw ImportError.failed(failure) }
        let counts =
            result.problem == nil
            ? FileCounts(read: result.counts.read, skipped: result.counts.skipped, rejected: result.counts.rejected)
            : FileCounts(read: result.counts.read, rejected: result.counts.read)
        var entry = FileEntry(
            id: 0, account: "", uploadID: nil, source: .manual, scope: .roster,
            name: FileImporter.fileName(path), type: result.format?.keyword, sha256: result.sha256,
            size: Int64(info.st_size), uploadedAt: now, processedAt: now, cycleDay: "", status: .dryRun,
            counts: counts, errorCount: result.errorCount)
        entry.problem = result.problem
        return (
            ResultReport(entry: entry, errors: result.firstErrors.map(StoredRowError.init)),
            result.problem == nil ? valid : 0
        )
    }

    /// Carries the producer's result from its thread; read only after `finished` is signalled.
    private final class ResultBox: @unchecked Sendable {
        var result: ProducerResult?
    }
}
