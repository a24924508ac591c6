import Foundation

/// Where and as whom a client logs in: the server's loopback port, the account and a private key file.
public struct SFTPLogin: Sendable {
    public let host: String
    public let port: Int
    public let username: String
    /// Path of the private key; the public key is beside it with `.pub`.
    public let privateKey: String

    public init(host: String = "127.0.0.1", port: Int, username: String, privateKey: String) {
        self.host = host
        self.port = port
        self.username = username
        self.privateKey = privateKey
    }

    public var publicKey: String { privateKey + ".pub" }

    /// `ssh` options shared by every OpenSSH-based client: no user configuration, no agent, no host-key
    /// prompt or known_hosts file, no password prompt, only the given key.
    public var openSSHOptions: [String] {
        [
            "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10", "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none", "-i", privateKey,
        ]
    }

    /// The environment clients run in: this process's, without an SSH agent.
    public static var clientEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SSH_AUTH_SOCK"] = nil
        return environment
    }
}

/// Finds a client program, or explains how to install it.
public enum ClientProgram {
    /// The absolute path of `name` on PATH.
    public static func path(_ name: String) throws -> String {
        guard let path = ProcessRunner.which(name) else { throw ClientMissing(name: name) }
        return path
    }

    /// A client the tests need is not installed.
    public struct ClientMissing: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) is not installed; run scripts/bootstrap test" }
    }
}
