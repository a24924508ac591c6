/// File attributes as version 3 carries them (filexfer-02 §5): every field is optional on the wire.
///
/// The same value describes a file in `ATTRS` and `NAME` replies and the changes a client asks for in `SETSTAT`,
/// `OPEN` and `MKDIR`. Vendor `EXTENDED` attributes are parsed and dropped, as OpenSSH does.
public struct SFTPAttributes: Sendable, Hashable {
    /// Numeric owner and group, which the wire only carries together (`SSH_FILEXFER_ATTR_UIDGID`).
    public struct Ownership: Sendable, Hashable {
        public var userID: UInt32
        public var groupID: UInt32

        public init(userID: UInt32, groupID: UInt32) {
            self.userID = userID
            self.groupID = groupID
        }
    }

    /// Access and modification times in seconds since 1970, which the wire only carries together.
    public struct Times: Sendable, Hashable {
        public var accessTime: UInt32
        public var modificationTime: UInt32

        public init(accessTime: UInt32, modificationTime: UInt32) {
            self.accessTime = accessTime
            self.modificationTime = modificationTime
        }
    }

    /// Size in bytes.
    public var size: UInt64?
    /// Numeric owner and group.
    public var ownership: Ownership?
    /// POSIX `st_mode`: file type bits (`S_IFREG`, `S_IFDIR`, …) and permission bits.
    public var permissions: UInt32?
    /// Access and modification times.
    public var times: Times?

    /// Attributes with no field set (what `REALPATH` replies carry).
    public init(size: UInt64? = nil, ownership: Ownership? = nil, permissions: UInt32? = nil, times: Times? = nil) {
        self.size = size
        self.ownership = ownership
        self.permissions = permissions
        self.times = times
    }

    /// No field set.
    public static let empty = SFTPAttributes()

    /// A regular file of `size` bytes with permission bits `mode` (e.g. `0o644`) modified at `modified`.
    public static func file(size: UInt64, mode: UInt32 = 0o644, modified: UInt32, owner: Ownership? = nil)
        -> SFTPAttributes
    {
        SFTPAttributes(
            size: size, ownership: owner, permissions: FileType.regular.rawValue | (mode & 0o7777),
            times: Times(accessTime: modified, modificationTime: modified))
    }

    /// A directory with permission bits `mode` (e.g. `0o755`) modified at `modified`.
    public static func directory(mode: UInt32 = 0o755, modified: UInt32, owner: Ownership? = nil) -> SFTPAttributes {
        SFTPAttributes(
            size: 0, ownership: owner, permissions: FileType.directory.rawValue | (mode & 0o7777),
            times: Times(accessTime: modified, modificationTime: modified))
    }

    /// The file type bits of `st_mode` (`S_IFMT`).
    public enum FileType: UInt32, Sendable {
        case fifo = 0o010000
        case characterDevice = 0o020000
        case directory = 0o040000
        case blockDevice = 0o060000
        case regular = 0o100000
        case symbolicLink = 0o120000
        case socket = 0o140000

        /// The mask that selects the type bits.
        public static let mask: UInt32 = 0o170000
    }

    /// The file type, when the permissions are known and carry a type OpenSSH would recognise.
    public var fileType: FileType? {
        permissions.flatMap { FileType(rawValue: $0 & FileType.mask) }
    }

    /// Whether these attributes describe a directory.
    public var isDirectory: Bool { fileType == .directory }

    /// Whether these attributes describe a regular file.
    public var isRegularFile: Bool { fileType == .regular }
}
