import Foundation
import PandaCore
import PandaStore

/// One of the server's SSH host keys, as institutions check it the first time they connect.
public struct HostKeyFingerprint: Sendable, Equatable {
    /// `ED25519`, `ECDSA` or `RSA`.
    public var type: String
    /// `SHA256:…`, as `ssh-keygen -lf` prints it.
    public var fingerprint: String

    public init(type: String, fingerprint: String) {
        self.type = type
        self.fingerprint = fingerprint
    }
}

/// Where the server's host keys are read from; given by the composition root (the SSH library stays out of
/// the HTTP target). Empty before the server's first start.
public protocol HostKeyDirectory: Sendable {
    func fingerprints() -> [HostKeyFingerprint]
}

/// What an institution needs to connect to one account, as `panda account show`, the admin API and the
/// dashboard give it: one place for the commands they print.
public struct ConnectionDetails: Sendable {
    public var host: String
    public var port: Int
    public var username: String
    public var folders: FolderLayout
    public var hostKeys: [HostKeyFingerprint]

    public static let defaultPort = 2222

    /// The address the server last announced (`serve --public-host`, its SFTP port), or this machine's name
    /// and the default port before its first start.
    public static func load(
        account: Account, store: Store, hostKeys: [HostKeyFingerprint]
    ) throws -> ConnectionDetails {
        let host = try store.serverSettings.get("public_host") ?? ProcessInfo.processInfo.hostName
        let port = try store.serverSettings.get("sftp_port").flatMap(Int.init) ?? defaultPort
        return ConnectionDetails(
            host: host, port: port, username: account.username, folders: account.folders, hostKeys: hostKeys)
    }

    public init(host: String, port: Int, username: String, folders: FolderLayout, hostKeys: [HostKeyFingerprint]) {
        self.host = host
        self.port = port
        self.username = username
        self.folders = folders
        self.hostKeys = hostKeys
    }

    /// `sftp -P 2222 -i ~/.ssh/id_ed25519 uni1@host`.
    public var sftpCommand: String {
        let portOption = port == 22 ? "" : "-P \(port) "
        return "sftp \(portOption)-i ~/.ssh/id_ed25519 \(username)@\(host)"
    }

    /// The `panda agent` command line for the account, naming the folders only where they were moved.
    public var agentCommand: String {
        var words = [
            "panda agent", host, "--port", String(port), "--user", username, "--key ~/.ssh/id_ed25519",
            "--host-key", hostKeys.first?.fingerprint ?? "SHA256:…",
        ]
        let standard = FolderLayout.standard
        if folders.studentsFile != standard.studentsFile { words += ["--students", folders.studentsFile] }
        if folders.inbound != standard.inbound { words += ["--inbound", folders.inbound] }
        if folders.results != standard.results { words += ["--results", folders.results] }
        return (words + ["EXPORT.csv…"]).joined(separator: " ")
    }

    /// `[{"type", "fingerprint"}]` of `hostKeys`.
    public static func json(hostKeys: [HostKeyFingerprint]) -> JSONValue {
        .array(hostKeys.map { .object([("type", .string($0.type)), ("fingerprint", .string($0.fingerprint))]) })
    }
}
