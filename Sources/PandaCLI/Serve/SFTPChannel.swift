import Foundation
import PandaCore
import PandaExchange
import PandaSFTP
import PandaSSH
import PandaStore

/// One `sftp` channel: the SSH transport's bytes in, our SFTP engine over the account's jailed tree.
///
/// Replies are gathered while one chunk of requests is handled and written together afterwards (or once
/// `flushThreshold` bytes are waiting): a pipelining client sends many requests per chunk, and writing each
/// 28-byte STATUS on its own made one SSH packet per reply for the client to decrypt (about 32 000 per GiB
/// uploaded). OpenSSH's sshd coalesces replies the same way.
final class SFTPChannel: SSHSubsystemHandler {
    private var session: SFTPSession?
    private let writer: SSHChannelWriter
    private var pending: [UInt8] = []
    private var writeFailed = false
    static let flushThreshold = 256 * 1024
    /// Replies this large are file data: copying them to coalesce would cost more than it saves.
    static let directWriteSize = 16 * 1024

    init(fileSystem: AccountFileSystem, writer: SSHChannelWriter, observer: SFTPAuditObserver) {
        self.writer = writer
        pending.reserveCapacity(Self.flushThreshold)
        session = SFTPSession(
            fileSystem: fileSystem,
            send: { [weak self] bytes in self?.send(bytes) }, observer: observer)
    }

    func received(_ bytes: UnsafeRawBufferPointer) throws {
        defer { flush() }
        try session?.receive(bytes)
        if writeFailed { throw ChannelClosed() }
    }

    func closed() {
        session?.close()
        session = nil
    }

    /// Small replies wait in `pending`; large ones (file data) go out at once, after what waits, uncopied.
    private func send(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= Self.directWriteSize {
            flush()
            write(bytes)
        } else {
            pending.append(contentsOf: bytes)
            if pending.count >= Self.flushThreshold { flush() }
        }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { write($0) }
        pending.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        guard !writeFailed else { return }
        do {
            try writer.write(bytes)
        } catch {
            writeFailed = true
        }
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
