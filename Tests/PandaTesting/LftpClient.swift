import Foundation

/// `lftp` over `sftp://`, which runs the `ssh` binary with `-s sftp` underneath.
public struct LftpClient: Sendable {
    public let login: SFTPLogin
    /// Where lftp's local file names are resolved.
    public let workingDirectory: String

    public init(login: SFTPLogin, workingDirectory: String) {
        self.login = login
        self.workingDirectory = workingDirectory
    }

    /// Runs `commands` (lftp syntax, e.g. `put a.csv -o /inbound/a.csv`) in one session.
    public func run(_ commands: [String], timeout: Duration = .seconds(30)) throws -> ProcessOutcome {
        let connectProgram = (["ssh", "-a", "-x"] + login.openSSHOptions).joined(separator: " ")
        let script =
            [
                "set cmd:fail-exit yes", "set net:max-retries 1", "set net:timeout 10",
                "set sftp:connect-program '\(connectProgram)'",
                "open -u \(login.username), sftp://\(login.host):\(login.port)",
            ] + commands
        return try ChildProcess.run(
            try ClientProgram.path("lftp"), ["-c", script.joined(separator: "; ")],
            environment: SFTPLogin.clientEnvironment, workingDirectory: workingDirectory, timeout: timeout)
    }
}
