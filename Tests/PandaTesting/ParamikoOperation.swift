/// One SFTP request for `ParamikoClient`, named after paramiko's `SFTPClient` methods.
public struct ParamikoOperation: Encodable, Sendable, CustomStringConvertible {
    /// The driver's name for the request, e.g. `put`.
    public let op: String
    public let path: String
    public var target: String?
    public var local: String?
    public var text: String?
    public var mode: String?
    public var modeBits: Int?

    init(_ op: String, _ path: String) {
        self.op = op
        self.path = path
    }

    public var description: String { "\(op) \(path)" + (target.map { " \($0)" } ?? "") }

    /// Downloads `path` into the local file `local`.
    public static func get(_ path: String, to local: String) -> Self { with(.init("get", path)) { $0.local = local } }
    /// Uploads the local file `local` to `path`.
    public static func put(_ local: String, to path: String) -> Self { with(.init("put", path)) { $0.local = local } }
    /// Opens, reads and closes `path`; the result's `text` holds the content.
    public static func read(_ path: String) -> Self { .init("read", path) }
    /// Opens `path` with Python mode `mode` (`wb`, `ab`, `r+b`…), writes `text`, closes.
    public static func write(_ path: String, _ text: String, mode: String = "wb") -> Self {
        with(.init("write", path)) {
            $0.text = text
            $0.mode = mode
        }
    }
    /// Opens `path` with Python mode `mode` and closes it at once.
    public static func open(_ path: String, mode: String) -> Self { with(.init("open", path)) { $0.mode = mode } }
    /// SSH_FXP_OPENDIR/READDIR; the result's `names` holds the entries.
    public static func list(_ path: String) -> Self { .init("list", path) }
    /// SSH_FXP_STAT; the result holds `size` and `mode`.
    public static func stat(_ path: String) -> Self { .init("stat", path) }
    /// SSH_FXP_LSTAT; the result holds `size` and `mode`.
    public static func lstat(_ path: String) -> Self { .init("lstat", path) }
    /// SSH_FXP_RENAME (fails if `target` exists).
    public static func rename(_ path: String, to target: String) -> Self {
        with(.init("rename", path)) { $0.target = target }
    }
    /// The `posix-rename@openssh.com` extension (replaces `target`).
    public static func posixRename(_ path: String, to target: String) -> Self {
        with(.init("posix_rename", path)) { $0.target = target }
    }
    /// SSH_FXP_REMOVE.
    public static func remove(_ path: String) -> Self { .init("remove", path) }
    /// SSH_FXP_MKDIR.
    public static func mkdir(_ path: String) -> Self { .init("mkdir", path) }
    /// SSH_FXP_RMDIR.
    public static func rmdir(_ path: String) -> Self { .init("rmdir", path) }
    /// Creates the link `path` pointing at `target` (SSH_FXP_SYMLINK).
    public static func symlink(_ path: String, pointingAt target: String) -> Self {
        with(.init("symlink", path)) { $0.target = target }
    }
    /// SSH_FXP_READLINK; the result's `text` holds the target.
    public static func readlink(_ path: String) -> Self { .init("readlink", path) }
    /// SSH_FXP_REALPATH; the result's `text` holds the canonical path.
    public static func realpath(_ path: String) -> Self { .init("realpath", path) }
    /// SSH_FXP_SETSTAT with permission bits.
    public static func chmod(_ path: String, _ bits: Int) -> Self { with(.init("chmod", path)) { $0.modeBits = bits } }
    /// The `hardlink@openssh.com` extension (`ln` in OpenSSH's sftp).
    public static func hardlink(_ path: String, to target: String) -> Self {
        with(.init("hardlink", path)) { $0.target = target }
    }
    /// The `statvfs@openssh.com` extension.
    public static func statvfs(_ path: String) -> Self { .init("statvfs", path) }

    private static func with(_ operation: Self, _ change: (inout Self) -> Void) -> Self {
        var copy = operation
        change(&copy)
        return copy
    }
}
