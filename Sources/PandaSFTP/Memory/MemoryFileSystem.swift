import Foundation
import PandaCore

/// An `SFTPFileSystem` held in memory, for tests and fuzzing, with read-only folders, a maximum file size and a
/// quota like an account's tree.
///
/// Uploads behave like the real account file system: bytes written through a handle are staged and become visible
/// only when `close()` commits them (which `commitCheck` can make fail); an aborted handle leaves no trace.
/// Not thread-safe: one session (one thread) at a time.
public final class MemoryFileSystem {
    /// A file's content and metadata; a class so that a handle keeps reading the version it opened.
    final class FileNode {
        var contents: [UInt8]
        var permissions: UInt32
        var accessTime: UInt32
        var modificationTime: UInt32

        init(contents: [UInt8], permissions: UInt32, modified: UInt32) {
            self.contents = contents
            self.permissions = permissions
            self.accessTime = modified
            self.modificationTime = modified
        }
    }

    struct DirectoryNode {
        var permissions: UInt32
        var accessTime: UInt32
        var modificationTime: UInt32
    }

    enum Node {
        case file(FileNode)
        case directory(DirectoryNode)
    }

    /// Hard cap on any one file, whatever `maxFileSize` says, so a fuzzed offset cannot exhaust memory.
    public static let largestFile: UInt64 = 64 << 20

    var nodes: [VirtualPath: Node]
    private let clock: any WallClock

    /// Folders where nothing may change: writes, removals, renames in or out, attribute changes.
    public var readOnlyFolders: [VirtualPath]
    /// Largest file an upload may produce, if limited.
    public var maxFileSize: UInt64?
    /// Total bytes all files together may hold, if limited.
    public var quota: UInt64?
    /// Owner and group shown in directory listings.
    public var owner: String
    /// Called when an upload is about to be committed; an error returned fails the `CLOSE` and discards the upload.
    public var commitCheck: ((VirtualPath, [UInt8]) -> SFTPFileSystemError?)?
    /// Paths whose upload was committed, in order.
    public private(set) var committedPaths: [VirtualPath] = []
    /// Paths whose upload was aborted (session ended without `CLOSE`) or failed to commit, in order.
    public private(set) var discardedPaths: [VirtualPath] = []

    /// An empty tree (just `/`).
    public init(
        readOnlyFolders: [VirtualPath] = [], maxFileSize: UInt64? = nil, quota: UInt64? = nil,
        owner: String = "panda", clock: any WallClock = SystemClock()
    ) {
        self.readOnlyFolders = readOnlyFolders
        self.maxFileSize = maxFileSize
        self.quota = quota
        self.owner = owner
        self.clock = clock
        let now = UInt32(clamping: Int64(clock.now().timeIntervalSince1970))
        nodes = [.root: .directory(DirectoryNode(permissions: 0o755, accessTime: now, modificationTime: now))]
    }

    // MARK: Setting up and inspecting (for tests)

    /// Creates `path` and any missing parent directories.
    public func createDirectory(_ path: VirtualPath) {
        if !path.isRoot { createDirectory(path.parent) }
        guard nodes[path] == nil else { return }
        let now = self.now
        nodes[path] = .directory(DirectoryNode(permissions: 0o755, accessTime: now, modificationTime: now))
    }

    /// Creates or replaces the file at `path`, creating missing parent directories.
    public func createFile(_ path: VirtualPath, contents: [UInt8], modified: UInt32? = nil) {
        createDirectory(path.parent)
        nodes[path] = .file(FileNode(contents: contents, permissions: 0o644, modified: modified ?? now))
    }

    /// The content of the file at `path`, or `nil` if there is no file there.
    public func contents(of path: VirtualPath) -> [UInt8]? {
        guard case .file(let file) = nodes[path] else { return nil }
        return file.contents
    }

    /// Whether anything exists at `path`.
    public func exists(_ path: VirtualPath) -> Bool { nodes[path] != nil }

    /// Whether a directory exists at `path`.
    public func isDirectory(_ path: VirtualPath) -> Bool {
        if case .directory = nodes[path] { return true }
        return false
    }

    /// Every path in the tree, sorted.
    public var allPaths: [VirtualPath] { nodes.keys.sorted() }

    /// Bytes held by all files.
    public var usedBytes: UInt64 {
        nodes.values.reduce(0) { total, node in
            if case .file(let file) = node { return total + UInt64(file.contents.count) }
            return total
        }
    }

    // MARK: For handles

    /// Throws unless a file of `size` bytes, replacing one of `replacedSize`, fits the size limit and the quota.
    func checkSize(_ size: UInt64, replacing replacedSize: UInt64) throws(SFTPFileSystemError) {
        guard size <= Self.largestFile else {
            throw .fileTooLarge(
                "file too large: in-memory files may be at most \(Self.describe(bytes: Self.largestFile))")
        }
        if let maxFileSize, size > maxFileSize {
            throw .fileTooLarge("file too large: files may be at most \(Self.describe(bytes: maxFileSize))")
        }
        if let quota, usedBytes - min(replacedSize, usedBytes) + size > quota {
            throw .quotaExceeded("quota exceeded: account \(owner) may store \(Self.describe(bytes: quota))")
        }
    }

    /// Size of the committed file at `path`, 0 if none.
    func committedSize(of path: VirtualPath) -> UInt64 {
        guard case .file(let file) = nodes[path] else { return 0 }
        return UInt64(file.contents.count)
    }

    /// Makes an upload visible, atomically replacing what was at `path`.
    func commit(_ path: VirtualPath, contents: [UInt8], permissions: UInt32, times: SFTPAttributes.Times?)
        throws(SFTPFileSystemError)
    {
        if let failure = commitCheck?(path, contents) {
            discardedPaths.append(path)
            throw failure
        }
        if case .directory = nodes[path] {
            discardedPaths.append(path)
            throw .isADirectory
        }
        guard case .directory = nodes[path.parent] else {
            discardedPaths.append(path)
            throw .noSuchFile
        }
        let file = FileNode(contents: contents, permissions: permissions, modified: now)
        if let times {
            file.accessTime = times.accessTime
            file.modificationTime = times.modificationTime
        }
        nodes[path] = .file(file)
        committedPaths.append(path)
    }

    /// Records an upload dropped without commit.
    func discard(_ path: VirtualPath) {
        discardedPaths.append(path)
    }

    var now: UInt32 { UInt32(clamping: Int64(clock.now().timeIntervalSince1970)) }

    static func attributes(of node: Node) -> SFTPAttributes {
        switch node {
        case .file(let file):
            var attributes = SFTPAttributes.file(
                size: UInt64(file.contents.count), mode: file.permissions, modified: file.modificationTime)
            attributes.times?.accessTime = file.accessTime
            return attributes
        case .directory(let directory):
            var attributes = SFTPAttributes.directory(mode: directory.permissions, modified: directory.modificationTime)
            attributes.times?.accessTime = directory.accessTime
            return attributes
        }
    }

    static func resize(_ bytes: inout [UInt8], to size: Int) {
        if size < bytes.count {
            bytes.removeSubrange(size...)
        } else if size > bytes.count {
            bytes.append(contentsOf: repeatElement(0, count: size - bytes.count))
        }
    }

    /// `1.0 GiB`, `512 KiB`, `100 bytes`: the unit users think in.
    static func describe(bytes: UInt64) -> String {
        let units: [(UInt64, String)] = [(1 << 40, "TiB"), (1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            let tenths = (bytes * 10 + size / 2) / size
            return "\(tenths / 10).\(tenths % 10) \(unit)"
        }
        return "\(bytes) bytes"
    }

    func requireDirectory(_ path: VirtualPath) throws(SFTPFileSystemError) {
        switch nodes[path] {
        case nil: throw .noSuchFile
        case .file: throw .notADirectory
        case .directory: return
        }
    }
}
