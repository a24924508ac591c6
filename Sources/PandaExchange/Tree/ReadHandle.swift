import Foundation
import PandaSFTP

/// A file opened for reading (students.csv, an archive copy, a report, an upload read back).
final class ReadHandle: SFTPFileHandle {
    private let descriptor: Int32
    private let writable: Bool
    private var closed = false

    init(descriptor: Int32, writable: Bool) throws(HostError) {
        var info = stat()
        try hostCall("fstat") { fstat(descriptor, &info) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            Foundation.close(descriptor)
            throw HostError(operation: "open", code: EISDIR)
        }
        self.descriptor = descriptor
        self.writable = writable
    }

    deinit { if !closed { Foundation.close(descriptor) } }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(clamping: offset))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw HostError(operation: "read", code: errno).sftpError
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) {
        throw .permissionDenied("the file was opened for reading")
    }

    func attributes() throws(SFTPFileSystemError) -> SFTPAttributes {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw HostError(operation: "fstat", code: errno).sftpError }
        return AccountFileSystem.fileAttributes(info, writable: writable)
    }

    func setAttributes(_ attributes: SFTPAttributes) throws(SFTPFileSystemError) {}

    func synchronize() throws(SFTPFileSystemError) {}

    func close() throws(SFTPFileSystemError) { abort() }

    func abort() {
        guard !closed else { return }
        closed = true
        Foundation.close(descriptor)
    }
}
