import PandaSSH

/// `RemoteExchange` over a real SFTP session (libssh, through `PandaSSH`).
public final class SFTPRemoteExchange: RemoteExchange {
    private let connection: SSHClientSession
    private let sftp: SFTPClient

    /// Uses an authenticated connection; opens its SFTP session.
    public init(connection: SSHClientSession) throws {
        self.connection = connection
        sftp = try connection.openSFTP()
    }

    public func read(_ path: String) throws -> [UInt8] { try sftp.readFile(path) }

    public func list(_ folder: String) throws -> [RemoteEntry] {
        try sftp.list(folder).filter(\.isRegularFile).map { RemoteEntry(name: $0.name, size: $0.size) }
    }

    public func upload(from localPath: String, to path: String) throws {
        try sftp.upload(from: localPath, to: path)
    }

    public func rename(_ path: String, to newPath: String) throws {
        try sftp.rename(path, to: newPath, replacing: true)
    }

    public func remove(_ path: String) throws { try sftp.remove(path) }

    public func download(_ path: String, to localPath: String) throws {
        try sftp.download(path, to: localPath)
    }

    /// Ends the connection.
    public func close() {
        sftp.close()
        connection.close()
    }
}
