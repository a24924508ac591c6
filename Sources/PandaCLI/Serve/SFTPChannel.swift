import Foundation
import PandaCore
import PandaExchange
import PandaSFTP
import PandaSSH
import PandaStore

/// One `sftp` channel: the SSH transport's bytes in, our SFTP engine over the account's jailed tree.
final class SFTPChannel: SSHSubsystemHandler {
    private var session: SFTPSession?
    private var writeFailed = false

    init(fileSystem: AccountFileSystem, writer: SSHChannelWriter, observer: SFTPAuditObserver) {
        session = SFTPSession(
            fileSystem: fileSystem,
            send: { [weak self] bytes in
                do {
                    try writer.write(bytes)
                } catch {
                    self?.writeFailed = true
                }
            }, observer: observer)
    }

    func received(_ bytes: UnsafeRawBufferPointer) throws {
        try session?.receive(bytes)
        if writeFailed { throw ChannelClosed() }
    }

    func closed() {
        session?.close()
        session = nil
    }

    struct ChannelClosed: Error {}
}

/// Writes what an SFTP session did to the audit log: uploads, downloads, renames, removals, refusals; a
/// download of students.csv also marks the account's cycle retrieved.
final class SFTPAuditObserver: SFTPSessionObserver {
    let audit: AuditBatcher
    let clock: any WallClock
    let account: String
    let address: String
    /// The account's students.csv as clients see it (`/outbound/students.csv` by default).
    let studentsFile: String
    let retrievals: RetrievalRecorder

    init(
        audit: AuditBatcher, clock: any WallClock, account: String, address: String, studentsFile: String,
        retrievals: RetrievalRecorder
    ) {
        self.audit = audit
        self.clock = clock
        self.account = account
        self.address = address
        self.studentsFile = studentsFile
        self.retrievals = retrievals
    }

    func record(_ event: SFTPSessionEvent) {
        switch event {
        case .fileOpened(let path, let flags) where flags.modifiesFile:
            write("file.open_write", "file=\(q(path))")
        case .fileClosed(let transfer):
            let path = q(transfer.path)
            if transfer.flags.modifiesFile {
                switch transfer.outcome {
                case .closed: write("file.close", "file=\(path) size=\(transfer.bytesWritten)")
                case .closeFailed(let error): write("file.close_failed", "file=\(path) error=\(q("\(error)"))")
                case .aborted: write("file.abort", "file=\(path) bytes=\(transfer.bytesWritten)")
                }
            } else if case .closed = transfer.outcome {
                write("file.download", "file=\(path) bytes=\(transfer.bytesRead)")
                if transfer.path.string == studentsFile {
                    retrievals.studentsFileDownloaded(account: account, at: clock.now())
                }
            }
        case .renamed(let from, let to, _):
            write("file.rename", "from=\(q(from)) to=\(q(to))")
        case .removed(let path):
            write("file.remove", "file=\(q(path))")
        case .refused(let request, let path, _, let message):
            write("sftp.refused", "request=\(request) file=\(path.map(q) ?? "-") message=\(q(message))")
        default:
            break
        }
    }

    private func q(_ path: VirtualPath) -> String { Logger.quotedValue(path.string) }
    private func q(_ text: String) -> String { Logger.quotedValue(text) }

    private func write(_ event: String, _ detail: String) {
        audit.append(
            AuditEntry(at: clock.now(), account: account, actor: "ssh", event: event, address: address, detail: detail))
    }
}
