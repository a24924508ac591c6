import Foundation
import PandaFormats
import PandaStore

/// The full errors CSV of one file (`line,code,field,message,record`), written row by row while the file
/// is read, into a spool file that is moved into `results/` once the outcome is committed.
final class ErrorsCSVFile {
    let spoolName: String
    private let descriptor: Int32
    private var writer: CSVWriter<FileDescriptorByteSink>
    private var closed = false

    /// Creates `spool/NAME` with the header row.
    init(in storage: AccountStorage, spoolName: String) throws {
        self.spoolName = spoolName
        descriptor = try storage.spool.openFile(spoolName, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
        writer = CSVWriter(sink: FileDescriptorByteSink(descriptor: descriptor))
        try writer.writeRow(RowError.csvColumns)
    }

    deinit { if !closed { close(descriptor) } }

    func append(_ error: RowError) throws {
        try writer.writeRow(error.csvFields)
    }

    /// Writes stored errors (for an errors CSV rebuilt from the ledger).
    func append(_ error: StoredRowError) throws {
        try writer.writeRow([String(error.line), error.code, error.field ?? "", error.message, error.record])
    }

    /// Flushes, makes the file durable and closes it.
    func finish() throws {
        guard !closed else { return }
        try writer.flush()
        closed = true
        defer { close(descriptor) }
        try hostCall("fsync") { fsync(descriptor) }
    }
}
