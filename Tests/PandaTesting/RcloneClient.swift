import Foundation

/// `rclone` with an on-the-fly sftp remote (`shell_type=none`, so it sends no shell commands).
public struct RcloneClient: Sendable {
    public let login: SFTPLogin

    public init(login: SFTPLogin) { self.login = login }

    /// `:sftp,host=…,…:PATH`, a remote path without a configuration file.
    public func remote(_ path: String) -> String {
        ":sftp,host=\(login.host),port=\(login.port),user=\(login.username),key_file=\(login.privateKey),"
            + "shell_type=none,disable_hashcheck=true:\(path)"
    }

    /// `rclone --config /dev/null SUBCOMMAND ARGUMENTS…` (e.g. `copyto`, `lsf`, `moveto`).
    public func run(_ subcommand: String, _ arguments: [String], timeout: Duration = .seconds(30)) throws
        -> ProcessOutcome
    {
        try ChildProcess.run(
            try ClientProgram.path("rclone"),
            ["--config", "/dev/null", "--retries", "1", "--low-level-retries", "1", subcommand] + arguments,
            environment: SFTPLogin.clientEnvironment, timeout: timeout)
    }
}
