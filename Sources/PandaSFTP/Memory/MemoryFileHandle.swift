/// A handle of `MemoryFileSystem`: reads the file version it opened, or stages an upload until `close()`.
final class MemoryFileHandle: SFTPFileHandle {
    private let fileSystem: MemoryFileSystem
    private let path: VirtualPath
    private let flags: SFTPOpenFlags
    /// The file being read, for handles that do not modify.
    private let reading: MemoryFileSystem.FileNode?
    /// The upload's bytes, for handles that modify; committed on `close()`.
    private var staged: [UInt8]
    private var permissions: UInt32
    private var times: SFTPAttributes.Times?
    private var released = false

    init(fileSystem: MemoryFileSystem, path: VirtualPath, flags: SFTPOpenFlags, reading: MemoryFileSystem.FileNode) {
        self.fileSystem = fileSystem
        self.path = path
        self.flags = flags
        self.reading = reading
        self.staged = []
        self.permissions = reading.permissions
    }

    init(fileSystem: MemoryFileSystem, path: VirtualPath, flags: SFTPOpenFlags, staged: [UInt8], permissions: UInt32) {
        self.fileSystem = fileSystem
        self.path = path
        self.flags = flags
        self.reading = nil
        self.staged = staged
        self.permissions = permissions
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) -> Int {
        guard !released else { throw .failure("file is closed") }
        let bytes = reading?.contents ?? staged
        guard offset < UInt64(bytes.count) else { return 0 }
        let start = Int(offset)
        let count = min(buffer.count, bytes.count - start)
        bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
            to.copyMemory(from: from + start, byteCount: count)
        }
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(SFTPFileSystemError) {
        guard !released, reading == nil else { throw .permissionDenied("file is not open for writing") }
        let start = flags.contains(.append) ? UInt64(staged.count) : offset
        let (end, overflow) = start.addingReportingOverflow(UInt64(bytes.count))
        guard !overflow else { throw .fileTooLarge("file too large") }
        if end > UInt64(staged.count) {
            try fileSystem.checkSize(end, replacing: fileSystem.committedSize(of: path))
            MemoryFileSystem.resize(&staged, to: Int(end))
        }
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        staged.withUnsafeMutableBytes { target in
            target.baseAddress.map { ($0 + Int(start)).copyMemory(from: source, byteCount: bytes.count) }
        }
    }

    func attributes() throws(SFTPFileSystemError) -> SFTPAttributes {
        if let reading { return MemoryFileSystem.attributes(of: .file(reading)) }
        let modified = times?.modificationTime ?? fileSystem.now
        return .file(size: UInt64(staged.count), mode: permissions, modified: modified)
    }

    func setAttributes(_ attributes: SFTPAttributes) throws(SFTPFileSystemError) {
        guard reading == nil else { throw .permissionDenied("file is not open for writing") }
        if let size = attributes.size {
            try fileSystem.checkSize(size, replacing: fileSystem.committedSize(of: path))
            MemoryFileSystem.resize(&staged, to: Int(size))
        }
        if let newPermissions = attributes.permissions { permissions = newPermissions & 0o7777 }
        if let newTimes = attributes.times { times = newTimes }
    }

    func synchronize() throws(SFTPFileSystemError) {}

    func close() throws(SFTPFileSystemError) {
        guard !released else { return }
        released = true
        guard reading == nil else { return }
        try fileSystem.commit(path, contents: staged, permissions: permissions, times: times)
    }

    func abort() {
        guard !released else { return }
        released = true
        if reading == nil { fileSystem.discard(path) }
    }
}
