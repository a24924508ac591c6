import Foundation
import PandaCore
import PandaSFTP
import Synchronization

/// An upload durable under its name in an upload folder, with its digest (possibly still being computed).
struct CommittedFile: Sendable {
    var folder: AccountFolder
    var name: String
    var size: Int64
    /// Identifies the content across a rename: a later upload of the same name is a new inode.
    var inode: UInt64
    var digest: PendingDigest
}

/// Digests of files committed under a temporary name in this session, so that the rename to the final
/// name (how WinSCP, rclone and `put` to `*.part` finish) does not read the whole file again.
final class TemporaryDigests: Sendable {
    private struct Key: Hashable {
        var folder: AccountFolder
        var name: String
    }

    private let entries = Mutex<[(Key, CommittedFile)]>([])
    /// A session rarely has more than one temporary file pending; the bound keeps a misbehaving client cheap.
    private static let limit = 32

    func remember(_ file: CommittedFile) {
        let key = Key(folder: file.folder, name: file.name)
        entries.withLock { entries in
            entries.removeAll { $0.0 == key }
            entries.append((key, file))
            if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        }
    }

    /// The digest of `name` if it is the same file (inode) committed in this session.
    func take(folder: AccountFolder, name: String, inode: UInt64) -> PendingDigest? {
        let key = Key(folder: folder, name: name)
        return entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.0 == key }) else { return nil }
            let file = entries.remove(at: index).1
            return file.inode == inode ? file.digest : nil
        }
    }
}

extension AccountFileSystem {
    /// Files up to this size wait for their digest at CLOSE (a few milliseconds), so their queue entry
    /// and audit line are complete at once; larger ones are queued at once and the digest follows.
    static let waitForDigestUpTo: Int64 = 8 << 20

    /// A file is durable under its name: a temporary name waits for its rename; a final name goes to the
    /// intake, which the importer reads.
    func reportCommitted(_ file: CommittedFile) throws(SFTPFileSystemError) {
        guard !UploadName.isTemporary(file.name) else {
            temporaryDigests.remember(file)
            return
        }
        if file.size <= Self.waitForDigestUpTo { _ = file.digest.wait() }
        let upload = CompletedUpload(
            account: account.username, folder: file.folder, name: file.name, size: file.size,
            sha256: file.digest.valueIfReady ?? nil, completedAt: clock.now())
        var queued: Int64 = 0
        try report { queued = try intake.completed(upload) }
        if upload.sha256 == nil {
            let (intake, id) = (self.intake, queued)
            file.digest.whenReady { sha256 in intake.digestComputed(uploadID: id, upload: upload, sha256: sha256) }
        }
    }

    /// A file renamed from a temporary to a final name: its digest from this session's upload when it is
    /// the same file, else computed from the file in the background.
    func committedByRename(folder: AccountFolder, from: String, to: String) throws(SFTPFileSystemError) -> CommittedFile
    {
        do {
            let fd = try storage.directory(for: folder).openFile(to, flags: O_RDONLY)
            defer { close(fd) }
            var info = stat()
            try hostCall("fstat") { fstat(fd, &info) }
            let inode = UInt64(info.st_ino)
            let size = Int64(info.st_size)
            var digest = temporaryDigests.take(folder: folder, name: from, inode: inode)
            if digest == nil { digest = BackgroundFileHasher(descriptor: fd)?.finish(length: size, rehash: true) }
            if digest == nil { digest = PendingDigest(known: try FileDigest.sha256(descriptor: fd).hex) }
            return CommittedFile(folder: folder, name: to, size: size, inode: inode, digest: digest!)
        } catch {
            throw error.sftpError
        }
    }
}
