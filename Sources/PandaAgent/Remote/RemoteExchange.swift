/// What the agent needs of the server's SFTP tree; the real one is `SFTPRemoteExchange`, tests use memory.
///
/// Paths are absolute paths of the account's tree (`/inbound/user.csv`). Errors are thrown as they come
/// (their description is shown to the user).
public protocol RemoteExchange: AnyObject {
    /// The whole content of a small file (students.csv, a summary).
    func read(_ path: String) throws -> [UInt8]
    /// The files of a folder.
    func list(_ folder: String) throws -> [RemoteEntry]
    /// Writes a local file to `path`, created or truncated.
    func upload(from localPath: String, to path: String) throws
    /// Renames `path` to `newPath`, replacing `newPath` atomically if it exists.
    func rename(_ path: String, to newPath: String) throws
    /// Removes a file.
    func remove(_ path: String) throws
    /// Copies a remote file to a local path.
    func download(_ path: String, to localPath: String) throws
}

/// One file in a remote folder.
public struct RemoteEntry: Sendable, Equatable {
    public var name: String
    public var size: UInt64

    public init(name: String, size: UInt64 = 0) {
        self.name = name
        self.size = size
    }
}
