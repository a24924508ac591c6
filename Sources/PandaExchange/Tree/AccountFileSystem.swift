import Foundation
import PandaCore
import PandaSFTP

/// One account's jailed virtual tree (spec §4), as the SFTP engine sees it.
///
/// `/outbound/students.csv` and its archive and `/results` are read-only; `/inbound` and `/validate` take
/// uploads, which are written to a spool, fsync'ed and committed on CLOSE (or on rename from a temporary
/// name), and only then reported to the `UploadIntake`. Another account's files are simply not in this
/// tree. Used from one session's thread.
public final class AccountFileSystem: SFTPFileSystem {
    let account: Account
    let storage: AccountStorage
    let intake: any UploadIntake
    let clock: any WallClock
    let layout: AccountTreeLayout
    let temporaryDigests = TemporaryDigests()

    public init(account: Account, storage: AccountStorage, intake: any UploadIntake, clock: any WallClock) {
        self.account = account
        self.storage = storage
        self.intake = intake
        self.clock = clock
        self.layout = AccountTreeLayout(account.folders)
    }

    // MARK: - The one permission check

    public func authorize(_ access: SFTPAccess, path: VirtualPath) throws(SFTPFileSystemError) {
        guard let node = layout.resolve(path) else { throw .noSuchFile }
        switch (access, node) {
        case (.readAttributes, _), (.list, _):
            return
        case (.makeDirectory, _), (.removeDirectory, _):
            throw .permissionDenied(
                "folders cannot be created or removed here; upload files into \(layout.path(of: .inbound))")
        case (_, .directory(let dir, _)):
            throw .permissionDenied("\(dir) is a folder; upload files into \(layout.path(of: .inbound))")
        case (.read, .file(let folder, _)):
            if folder == .validate {
                throw .permissionDenied(
                    "\(layout.path(of: .validate)) is write-only: its reports appear in \(layout.path(of: .results))")
            }
        case (_, .file(let folder, _)):
            if !folder.acceptsUploads {
                throw .permissionDenied(
                    "\(layout.path(of: folder)) is read-only; upload files into \(layout.path(of: .inbound))")
            }
        }
    }

    // MARK: - Reading the tree

    public func attributes(of path: VirtualPath) throws(SFTPFileSystemError) -> SFTPAttributes {
        guard let node = layout.resolve(path) else { throw .noSuchFile }
        switch node {
        case .directory(_, let folder):
            let writable = folder?.acceptsUploads ?? false
            return .directory(mode: writable ? 0o750 : 0o550, modified: now32)
        case .file(let folder, let name):
            guard let info = try hostStatus(folder, name) else { throw .noSuchFile }
            return Self.fileAttributes(info, writable: folder.acceptsUploads)
        }
    }

    public func listDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) -> [SFTPDirectoryEntry] {
        guard let node = layout.resolve(path) else { throw .noSuchFile }
        guard case .directory(_, let folder) = node else { throw .notADirectory }
        var entries = layout.childDirectories(of: path).map { name in
            let writable = layout.folder(at: (try? path.appending(name)) ?? path)?.acceptsUploads ?? false
            return SFTPDirectoryEntry(
                name: name, attributes: .directory(mode: writable ? 0o750 : 0o550, modified: now32),
                owner: account.username, group: account.username)
        }
        if let folder {
            let files: [(name: String, status: stat)]
            do {
                files = try storage.directory(for: folder).entries()
            } catch {
                throw error.sftpError
            }
            for file in files where (file.status.st_mode & S_IFMT) == S_IFREG {
                entries.append(
                    SFTPDirectoryEntry(
                        name: file.name, attributes: Self.fileAttributes(file.status, writable: folder.acceptsUploads),
                        owner: account.username, group: account.username))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func statistics(for path: VirtualPath) throws(SFTPFileSystemError) -> SFTPFileSystemStatistics {
        let info: statvfs
        do {
            info = try storage.spool.spaceStatistics()
        } catch {
            throw error.sftpError
        }
        // Report the account's quota as the size of its file system, so clients that check free space
        // before uploading see the limit that applies to them.
        let block = UInt64(max(info.f_frsize, 1))
        let quotaBlocks = UInt64(account.settings.quota.bytes) / block
        let freeByQuota = UInt64(max(0, account.settings.quota.bytes - storage.uploadUsage())) / block
        let free = min(freeByQuota, UInt64(info.f_bavail))
        return SFTPFileSystemStatistics(
            blockSize: UInt64(info.f_bsize), fragmentSize: block, totalBlocks: quotaBlocks, freeBlocks: free,
            availableBlocks: free, totalFileNodes: UInt64(info.f_files), freeFileNodes: UInt64(info.f_ffree),
            availableFileNodes: UInt64(info.f_favail), fileSystemID: 0, isReadOnly: false, ignoresSetUserID: true,
            maxNameLength: 255)
    }

    // MARK: - Opening files

    public func openFile(_ path: VirtualPath, flags: SFTPOpenFlags, attributes: SFTPAttributes)
        throws(SFTPFileSystemError) -> any SFTPFileHandle
    {
        guard let node = layout.resolve(path) else { throw .noSuchFile }
        guard case .file(let folder, let name) = node else { throw .isADirectory }
        if flags.modifiesFile {
            guard folder.acceptsUploads else {
                throw .permissionDenied("\(layout.path(of: folder)) is read-only")
            }
            return try UploadHandle(fileSystem: self, folder: folder, name: name, flags: flags)
        }
        guard folder != .validate else { throw .permissionDenied("\(layout.path(of: .validate)) is write-only") }
        do {
            let fd = try storage.directory(for: folder).openFile(name, flags: O_RDONLY)
            return try ReadHandle(descriptor: fd, writable: folder.acceptsUploads)
        } catch {
            throw error.sftpError
        }
    }

    // MARK: - Changing the tree

    public func removeFile(_ path: VirtualPath) throws(SFTPFileSystemError) {
        let (folder, name) = try uploadedFile(path)
        do {
            try storage.directory(for: folder).remove(name)
        } catch {
            throw error.sftpError
        }
        if !UploadName.isTemporary(name) {
            try report { try intake.withdrawn(account: account.username, folder: folder, name: name) }
        }
    }

    public func rename(_ source: VirtualPath, to target: VirtualPath, replacingExisting: Bool)
        throws(SFTPFileSystemError)
    {
        let (folder, from) = try uploadedFile(source)
        let (targetFolder, to) = try uploadedFile(target, mustExist: false)
        guard folder == targetFolder else {
            throw .permissionDenied(
                "files cannot be moved between \(layout.path(of: folder)) and \(layout.path(of: targetFolder));"
                    + " upload the file again")
        }
        if let problem = UploadName.problem(to) { throw .invalidName(problem) }
        let directory = storage.directory(for: folder)
        do {
            try directory.rename(from, to: directory, as: to, replace: replacingExisting)
            try directory.synchronize()
        } catch {
            throw error.sftpError
        }
        switch (UploadName.isTemporary(from), UploadName.isTemporary(to)) {
        case (true, false):
            // The client's final step (WinSCP, rclone…): the upload is complete now.
            try reportCommitted(try committedByRename(folder: folder, from: from, to: to))
        case (false, false):
            try report { try intake.renamed(account: account.username, folder: folder, from: from, to: to) }
        case (false, true):
            try report { try intake.withdrawn(account: account.username, folder: folder, name: from) }
        case (true, true):
            break
        }
    }

    public func setAttributes(_ attributes: SFTPAttributes, of path: VirtualPath) throws(SFTPFileSystemError) {
        // Clients set times and modes after uploading (`put -p`, WinSCP); the server keeps its own, so the
        // request succeeds without changing anything, as long as the file exists.
        _ = try self.attributes(of: path)
    }

    public func makeDirectory(_ path: VirtualPath, attributes: SFTPAttributes) throws(SFTPFileSystemError) {
        throw .permissionDenied("folders cannot be created here; upload files into \(layout.path(of: .inbound))")
    }

    public func removeDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) {
        throw .permissionDenied("folders cannot be removed")
    }

    // MARK: - Helpers shared with the handles

    var now32: UInt32 { UInt32(clamping: Int64(clock.now().timeIntervalSince1970)) }

    func hostStatus(_ folder: AccountFolder, _ name: String) throws(SFTPFileSystemError) -> stat? {
        do {
            guard let info = try storage.directory(for: folder).status(of: name) else { return nil }
            return (info.st_mode & S_IFMT) == S_IFREG ? info : nil
        } catch {
            throw error.sftpError
        }
    }

    /// A file in an upload folder; `mustExist` false also accepts a free name.
    private func uploadedFile(_ path: VirtualPath, mustExist: Bool = true) throws(SFTPFileSystemError) -> (
        AccountFolder, String
    ) {
        guard let node = layout.resolve(path) else { throw .noSuchFile }
        guard case .file(let folder, let name) = node else {
            throw .permissionDenied("\(path) is a folder and cannot be changed")
        }
        guard folder.acceptsUploads else { throw .permissionDenied("\(layout.path(of: folder)) is read-only") }
        if mustExist, try hostStatus(folder, name) == nil { throw .noSuchFile }
        return (folder, name)
    }

    /// Runs an intake report; its failure is the client's failure, with a message they can act on.
    func report(_ body: () throws -> Void) throws(SFTPFileSystemError) {
        do {
            try body()
        } catch {
            throw .failure("the upload could not be recorded; please upload the file again")
        }
    }

    static func fileAttributes(_ info: stat, writable: Bool) -> SFTPAttributes {
        .file(
            size: UInt64(max(0, info.st_size)), mode: writable ? 0o640 : 0o440,
            modified: UInt32(clamping: info.st_mtim.tv_sec))
    }
}
