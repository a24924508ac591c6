import Foundation
import PandaCore
import PandaSFTP

/// An upload in progress: bytes go to a private spool file; CLOSE fsyncs it, moves it into its folder
/// under its final name and only then reports it to the intake. An upload that fails a limit or is
/// abandoned leaves nothing behind.
final class UploadHandle: SFTPFileHandle {
    private let fileSystem: AccountFileSystem
    private let folder: AccountFolder
    private let name: String
    private let spoolName: String
    private let descriptor: Int32
    private let maxFileSize: Int64
    /// Bytes the account may still store, counted when the upload began.
    private let quotaRemaining: Int64
    private var size: Int64 = 0
    /// Flushes and hashes bytes 0..<hashedLength on another thread while writes arrive in order (as
    /// clients send them); rehashes the whole file at CLOSE otherwise.
    private var hasher: BackgroundFileHasher?
    private var hashedLength: Int64 = 0
    private var hashInOrder = true
    private var failure: SFTPFileSystemError?
    private var finished = false

    init(fileSystem: AccountFileSystem, folder: AccountFolder, name: String, flags: SFTPOpenFlags)
        throws(SFTPFileSystemError)
    {
        if let problem = UploadName.problem(name) { throw .invalidName(problem) }
        let settings = fileSystem.account.settings
        let storage = fileSystem.storage
        let existing = try fileSystem.hostStatus(folder, name)
        if flags.contains(.exclusive) && existing != nil { throw .alreadyExists }
        if existing == nil && !flags.contains(.create) { throw .noSuchFile }
        let today: Int
        do {
            today = try fileSystem.intake.uploadsToday(account: fileSystem.account.username)
        } catch {
            throw .failure("the server could not check the account's limits; try again")
        }
        guard today < settings.maxFilesPerDay else {
            throw .quotaExceeded(
                "account \(fileSystem.account.username) may upload \(settings.maxFilesPerDay) files per day;"
                    + " try again tomorrow or ask the operator to raise the limit")
        }
        let remaining = settings.quota.bytes - storage.uploadUsage()
        guard remaining > 0 else { throw Self.quotaError(fileSystem) }

        self.fileSystem = fileSystem
        self.folder = folder
        self.name = name
        self.maxFileSize = settings.maxFileSize.bytes
        self.quotaRemaining = remaining
        self.spoolName = storage.newSpoolName(prefix: "upload")
        do {
            descriptor = try storage.spool.openFile(spoolName, flags: O_RDWR | O_CREAT | O_EXCL)
        } catch {
            throw error.sftpError
        }
        hasher = BackgroundFileHasher(descriptor: descriptor)
        if existing != nil && !flags.contains(.truncate) {
            // Resuming (`reput`, lftp): start from the committed content, then take the client's writes.
            try copyExisting()
        }
    }

    deinit { abort() }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) -> Int {
        let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(clamping: offset))
        guard count >= 0 else { throw HostError(operation: "read", code: errno).sftpError }
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) {
        if let failure { throw failure }
        let end = Int64(clamping: offset) + Int64(bytes.count)
        if end > maxFileSize {
            fail(
                .fileTooLarge(
                    "\(name) is larger than the \(ByteCount(maxFileSize)) allowed per file; split it or ask the"
                        + " operator to raise the limit"))
        } else if end > quotaRemaining {
            fail(Self.quotaError(fileSystem))
        }
        if let failure { throw failure }
        var written = 0
        while written < bytes.count {
            let n = pwrite(
                descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(Int64(offset) + Int64(written)))
            if n < 0 {
                if errno == EINTR { continue }
                fail(HostError(operation: "write", code: errno).sftpError)
                throw failure!
            }
            written += n
        }
        if hashInOrder {
            if Int64(offset) == hashedLength {
                hashedLength = end
                hasher?.advance(to: end)
            } else {
                hashInOrder = false
            }
        }
        size = max(size, end)
    }

    func attributes() throws(SFTPFileSystemError) -> SFTPAttributes {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw HostError(operation: "fstat", code: errno).sftpError }
        return AccountFileSystem.fileAttributes(info, writable: true)
    }

    func setAttributes(_ attributes: SFTPAttributes) throws(SFTPFileSystemError) {
        guard let newSize = attributes.size else { return }
        guard Int64(clamping: newSize) <= maxFileSize else {
            throw .fileTooLarge("\(name) would exceed the \(ByteCount(maxFileSize)) allowed per file")
        }
        guard ftruncate(descriptor, off_t(clamping: newSize)) == 0 else {
            throw HostError(operation: "truncate", code: errno).sftpError
        }
        size = Int64(newSize)
        if hashedLength > size { hashInOrder = false }
    }

    func synchronize() throws(SFTPFileSystemError) {
        guard fsync(descriptor) == 0 else { throw HostError(operation: "fsync", code: errno).sftpError }
    }

    func close() throws(SFTPFileSystemError) {
        guard !finished else { return }
        if let failure {
            abort()
            throw failure
        }
        finished = true
        let storage = fileSystem.storage
        let target = storage.directory(for: folder)
        let committed: CommittedFile
        do {
            try hostCall("fsync") { fsync(descriptor) }
            var info = stat()
            try hostCall("fstat") { fstat(descriptor, &info) }
            let size = Int64(info.st_size)
            var digest = hasher?.finish(length: size, rehash: !hashInOrder)
            if digest == nil { digest = PendingDigest(known: try FileDigest.sha256(descriptor: descriptor).hex) }
            hasher = nil
            Foundation.close(descriptor)
            try storage.spool.rename(spoolName, to: target, as: name, replace: true)
            try target.synchronize()
            committed = CommittedFile(
                folder: folder, name: name, size: size, inode: UInt64(info.st_ino), digest: digest!)
        } catch {
            hasher?.cancel()
            try? storage.spool.remove(spoolName)
            throw error.sftpError
        }
        do throws(SFTPFileSystemError) {
            try fileSystem.reportCommitted(committed)
        } catch {
            // Not acknowledged, so not kept: the client will upload again.
            try? target.remove(name)
            throw error
        }
    }

    func abort() {
        hasher?.cancel()
        hasher = nil
        guard !finished else { return }
        finished = true
        Foundation.close(descriptor)
        try? fileSystem.storage.spool.remove(spoolName)
    }

    private func fail(_ error: SFTPFileSystemError) {
        if failure == nil { failure = error }
        // Free the space at once; the client learns of the failure on this write and on CLOSE.
        _ = ftruncate(descriptor, 0)
    }

    private func copyExisting() throws(SFTPFileSystemError) {
        do {
            let source = try fileSystem.storage.directory(for: folder).openFile(name, flags: O_RDONLY)
            defer { Foundation.close(source) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var offset: off_t = 0
            while true {
                let n = pread(source, buffer.baseAddress, buffer.count, offset)
                if n < 0 { throw HostError(operation: "read", code: errno) }
                if n == 0 { break }
                guard pwrite(descriptor, buffer.baseAddress, n, offset) == n else {
                    throw HostError(operation: "write", code: errno)
                }
                offset += off_t(n)
            }
            size = Int64(offset)
            hashInOrder = false
        } catch let error as HostError {
            abort()
            throw error.sftpError
        } catch {
            abort()
            throw .failure("the earlier upload could not be resumed; upload the whole file again")
        }
    }

    private static func quotaError(_ fileSystem: AccountFileSystem) -> SFTPFileSystemError {
        .quotaExceeded(
            "quota exceeded: account \(fileSystem.account.username) may store \(fileSystem.account.settings.quota);"
                + " wait for earlier files to be processed or ask the operator to raise the quota")
    }
}
