import CLibSSH
import Foundation

/// The SFTP requests the agent needs, over libssh's SFTP client: read, write, list, rename and remove.
///
/// Every failure is an `SSHClientError` naming the request and the path; the server's own message is kept
/// (Panda's messages say what to do). Not thread-safe, like the connection it belongs to.
public final class SFTPClient {
    let connection: SSHClientSession
    let sftp: sftp_session
    /// Bytes per write request. libssh 0.10's `sftp_write` waits for each request's reply, so an upload takes
    /// one round trip per request: 255 KiB (what OpenSSH's `sftp` sends to a server announcing Panda's
    /// `limits@openssh.com`, 256 KiB packets) makes that eight times fewer than 32 KiB over a slow network.
    static let chunkSize = 255 * 1024

    init(connection: SSHClientSession) throws(SSHClientError) {
        self.connection = connection
        guard let sftp = sftp_new(connection.session) else {
            throw .sftpUnavailable(reason: connection.lastError)
        }
        guard sftp_init(sftp) == SSH_OK else {
            let reason = connection.lastError
            sftp_free(sftp)
            throw .sftpUnavailable(reason: reason)
        }
        self.sftp = sftp
    }

    private var closed = false

    deinit { close() }

    /// Ends the SFTP session (idempotent). Call it before closing the connection: disconnecting frees the
    /// session's channels, which the SFTP session still points to.
    public func close() {
        guard !closed else { return }
        closed = true
        sftp_free(sftp)
    }

    /// The whole content of a (small) remote file.
    public func readFile(_ path: String) throws(SSHClientError) -> [UInt8] {
        try checkOpen("read")
        var content: [UInt8] = []
        try read(path) { content.append(contentsOf: $0) }
        return content
    }

    /// Copies a remote file to `localPath` (created or truncated, mode 0600).
    public func download(_ path: String, to localPath: String) throws(SSHClientError) {
        try checkOpen("download")
        let fd = open(localPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .localFile(path: localPath, reason: String(cString: strerror(errno))) }
        defer { Foundation.close(fd) }
        var failure: SSHClientError?
        try read(path) { bytes in
            guard failure == nil else { return }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = .localFile(path: localPath, reason: String(cString: strerror(errno)))
                    return
                }
                offset += n
            }
        }
        if let failure { throw failure }
    }

    /// Writes the local file at `localPath` to `path` (created or truncated); returns the bytes sent.
    /// A failure leaves whatever was written on the server: remove it if it must not stay.
    @discardableResult
    public func upload(from localPath: String, to path: String) throws(SSHClientError) -> UInt64 {
        try checkOpen("upload")
        let fd = open(localPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .localFile(path: localPath, reason: String(cString: strerror(errno))) }
        defer { Foundation.close(fd) }
        guard let file = sftp_open(sftp, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600) else {
            throw failure("open", path)
        }
        var sent: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                let reason = String(cString: strerror(errno))
                sftp_close(file)
                throw .localFile(path: localPath, reason: reason)
            }
            if count == 0 { break }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { sftp_write(file, $0.baseAddress! + offset, count - offset) }
                guard written > 0 else {
                    let error = failure("write", path)
                    sftp_close(file)
                    throw error
                }
                offset += written
                sent += UInt64(written)
            }
        }
        guard sftp_close(file) == SSH_OK else { throw failure("close", path) }
        return sent
    }

    /// Renames `path` to `newPath`; with `replacing`, an existing `newPath` is replaced atomically
    /// (`posix-rename@openssh.com`), which the server must support.
    public func rename(_ path: String, to newPath: String, replacing: Bool) throws(SSHClientError) {
        try checkOpen("rename")
        if replacing {
            guard sftp_extension_supported(sftp, SFTPExtendedRequest.posixRename, "1") != 0 else {
                throw .sftp(
                    operation: "rename", path: path, status: 8,
                    message: "the server does not support posix-rename@openssh.com")
            }
            try SFTPExtendedRequest(client: self).posixRename(path, to: newPath)
            return
        }
        guard sftp_rename(sftp, path, newPath) == SSH_OK else { throw failure("rename", path) }
    }

    /// Removes a remote file.
    public func remove(_ path: String) throws(SSHClientError) {
        try checkOpen("remove")
        guard sftp_unlink(sftp, path) == SSH_OK else { throw failure("remove", path) }
    }

    /// The entries of a remote folder (without `.` and `..`).
    public func list(_ folder: String) throws(SSHClientError) -> [SFTPEntry] {
        try checkOpen("list")
        guard let directory = sftp_opendir(sftp, folder) else { throw failure("list", folder) }
        var entries: [SFTPEntry] = []
        while let attributes = sftp_readdir(sftp, directory) {
            defer { sftp_attributes_free(attributes) }
            let item = attributes.pointee
            guard let namePointer = item.name else { continue }
            let name = String(cString: namePointer)
            if name == "." || name == ".." { continue }
            let hasTimes = item.flags & UInt32(SSH_FILEXFER_ATTR_ACMODTIME) != 0
            entries.append(
                SFTPEntry(
                    name: name, size: item.size,
                    modified: hasTimes ? Date(timeIntervalSince1970: TimeInterval(item.mtime)) : nil,
                    isRegularFile: item.type == UInt8(SSH_FILEXFER_TYPE_REGULAR)))
        }
        let ended = sftp_dir_eof(directory) != 0
        sftp_closedir(directory)
        guard ended else { throw failure("list", folder) }
        return entries
    }

    // MARK: - Helpers

    private func checkOpen(_ operation: String) throws(SSHClientError) {
        if closed { throw .connectionLost(operation: operation, reason: "the SFTP session was closed") }
    }

    private func read(_ path: String, _ body: ([UInt8]) -> Void) throws(SSHClientError) {
        guard let file = sftp_open(sftp, path, O_RDONLY, 0) else { throw failure("read", path) }
        defer { sftp_close(file) }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { sftp_read(file, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw failure("read", path) }
            if count == 0 { return }
            body(Array(buffer[0..<count]))
        }
    }

    /// The error for a failed request: the server's status and message, or the lost connection.
    func failure(_ operation: String, _ path: String) -> SSHClientError {
        let status = Int(sftp_get_error(sftp))
        var message = connection.lastError
        if message.hasPrefix("SFTP server: ") { message.removeFirst("SFTP server: ".count) }
        if status == Int(SSH_FX_OK) || status == Int(SSH_FX_CONNECTION_LOST) || status == Int(SSH_FX_NO_CONNECTION) {
            return .connectionLost(operation: "\(operation) \(path)", reason: message)
        }
        return .sftp(operation: operation, path: path, status: status, message: message)
    }
}
