import Foundation
import PandaCore
import PandaFormats
import PandaStore

extension FileImporter {
    /// After the commit: keeps the file out of the institution's reach (a masked copy, or the original
    /// itself when it holds no password), removes it from its upload folder, writes the reports, and marks
    /// the entry finalized. A crash before the end is finished at start-up (`ImportRecovery`).
    func finish(_ recorded: Recorded, descriptor: Int32, info: stat, storage: AccountStorage, job: ImportJob) throws {
        let entry = recorded.entry
        if let kept = entry.keptName, !job.isApproval, try storage.processed.status(of: kept) == nil {
            var linkable = false
            if case .folder = job.input { linkable = true }
            try keep(
                descriptor: descriptor, as: kept, masked: recorded.needsMasking, linkable: linkable, storage: storage)
        }
        if case .folder(let directory, let name) = job.input, !job.isApproval {
            try Self.removeOriginal(named: name, inode: info.st_ino, device: info.st_dev, from: directory)
        }
        try ReportFiles(storage: storage).write(ResultReport(entry: entry, errors: recorded.errors))
        try store.files.markFinalized(id: entry.id)
    }

    /// Writes `processed/NAME`: the copy with every password replaced by `***`, or, when nothing needs
    /// masking, the bytes themselves: a hard link to the open upload (`linkable`: no copy at all) or a copy
    /// (a file named on the command line stays the operator's).
    func keep(descriptor: Int32, as name: String, masked: Bool, linkable: Bool, storage: AccountStorage) throws {
        if !masked && linkable {
            // Linking the open descriptor (through /proc) keeps exactly the bytes that were checked, even if
            // the upload folder's name now points at a newer file.
            if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", storage.processed.descriptor, name, AT_SYMLINK_FOLLOW)
                == 0
            {
                try storage.processed.synchronize()
                return
            }
        }
        let spool = storage.newSpoolName(prefix: "import-kept")
        let output = try storage.spool.openFile(spool, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        do {
            if masked {
                _ = try MaskedFileCopy.copy(
                    from: PositionedByteSource(descriptor: descriptor), to: FileDescriptorByteSink(descriptor: output),
                    limits: CSVLimits(maximumFileSize: .max))
            } else {
                try Self.copyBytes(from: descriptor, to: output)
            }
            try hostCall("fsync") { fsync(output) }
            close(output)
        } catch {
            close(output)
            try? storage.spool.remove(spool)
            throw error
        }
        try storage.spool.rename(spool, to: storage.processed, as: name, replace: true)
        try storage.processed.synchronize()
    }

    /// Removes the processed upload from its folder: the name if it still is the same file, else wherever
    /// the institution renamed it (found by inode); a newer upload under the same name is left alone.
    static func removeOriginal(named name: String, inode: ino_t, device: dev_t, from directory: HostDirectory) throws {
        func isOriginal(_ info: stat) -> Bool { info.st_ino == inode && info.st_dev == device }
        if let info = try directory.status(of: name), isOriginal(info) {
            try directory.remove(name)
        } else if let renamed = try directory.entries().first(where: { isOriginal($0.status) }) {
            try directory.remove(renamed.name)
        } else {
            return
        }
        try directory.synchronize()
    }

    static func copyBytes(from source: Int32, to target: Int32) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset: off_t = 0
        while true {
            let count = pread(source, buffer.baseAddress, buffer.count, offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw HostError(operation: "read", code: errno)
            }
            if count == 0 { return }
            var written = 0
            while written < count {
                let n = try hostCall("write") {
                    Int32(truncatingIfNeeded: write(target, buffer.baseAddress! + written, count - written))
                }
                written += Int(n)
            }
            offset += off_t(count)
        }
    }
}
