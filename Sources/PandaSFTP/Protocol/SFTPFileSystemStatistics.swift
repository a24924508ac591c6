/// What `statvfs@openssh.com` and `fstatvfs@openssh.com` report: the fields of POSIX `struct statvfs`.
///
/// An account's file system reports its quota here, so `df` in `sftp` shows how much room is left.
public struct SFTPFileSystemStatistics: Sendable, Hashable {
    /// File system block size (`f_bsize`).
    public var blockSize: UInt64
    /// Fundamental block size (`f_frsize`), the unit of the block counts.
    public var fragmentSize: UInt64
    /// Size of the file system in `fragmentSize` units (`f_blocks`).
    public var totalBlocks: UInt64
    /// Free blocks (`f_bfree`).
    public var freeBlocks: UInt64
    /// Free blocks available to this account (`f_bavail`).
    public var availableBlocks: UInt64
    /// Number of inodes (`f_files`).
    public var totalFileNodes: UInt64
    /// Free inodes (`f_ffree`).
    public var freeFileNodes: UInt64
    /// Free inodes available to this account (`f_favail`).
    public var availableFileNodes: UInt64
    /// File system identifier (`f_fsid`).
    public var fileSystemID: UInt64
    /// Whether the file system is mounted read-only (`ST_RDONLY`).
    public var isReadOnly: Bool
    /// Whether set-user-id bits are ignored (`ST_NOSUID`).
    public var ignoresSetUserID: Bool
    /// Longest file name (`f_namemax`).
    public var maxNameLength: UInt64

    /// Figures in `fragmentSize` units; the defaults suit a quota-backed tree without inode accounting.
    public init(
        blockSize: UInt64 = 4096, fragmentSize: UInt64 = 4096, totalBlocks: UInt64, freeBlocks: UInt64,
        availableBlocks: UInt64, totalFileNodes: UInt64 = 0, freeFileNodes: UInt64 = 0, availableFileNodes: UInt64 = 0,
        fileSystemID: UInt64 = 0, isReadOnly: Bool = false, ignoresSetUserID: Bool = true, maxNameLength: UInt64 = 255
    ) {
        self.blockSize = blockSize
        self.fragmentSize = fragmentSize
        self.totalBlocks = totalBlocks
        self.freeBlocks = freeBlocks
        self.availableBlocks = availableBlocks
        self.totalFileNodes = totalFileNodes
        self.freeFileNodes = freeFileNodes
        self.availableFileNodes = availableFileNodes
        self.fileSystemID = fileSystemID
        self.isReadOnly = isReadOnly
        self.ignoresSetUserID = ignoresSetUserID
        self.maxNameLength = maxNameLength
    }
}
