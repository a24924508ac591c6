import Foundation

/// OpenSSH's `sftp`, `scp` and `ssh`, driven non-interactively against one login.
public struct OpenSSHClient: Sendable {
    public let login: SFTPLogin
    /// Where local file names in batch commands are resolved.
    public let workingDirectory: String

    public init(login: SFTPLogin, workingDirectory: String) {
        self.login = login
        self.workingDirectory = workingDirectory
    }

    /// `sftp -b -` with `commands` on standard input. The batch stops at the first failing command unless
    /// the command starts with `-`.
    public func sftp(
        _ commands: [String], options: [String] = [], timeout: Duration = .seconds(30)
    ) throws -> ProcessOutcome {
        try ChildProcess.run(
            try ClientProgram.path("sftp"), sftpArguments(options), environment: SFTPLogin.clientEnvironment,
            input: Data((commands.joined(separator: "\n") + "\n").utf8), workingDirectory: workingDirectory,
            timeout: timeout)
    }

    /// Starts `sftp -b -` in the background (to kill it mid-transfer).
    public func startSFTP(_ commands: [String], options: [String] = []) throws -> ChildProcess {
        try ChildProcess(
            try ClientProgram.path("sftp"), sftpArguments(options), environment: SFTPLogin.clientEnvironment,
            input: Data((commands.joined(separator: "\n") + "\n").utf8), workingDirectory: workingDirectory)
    }

    /// `scp SOURCE TARGET`; name remote files with `remote(_:)`.
    public func scp(_ source: String, _ target: String, timeout: Duration = .seconds(30)) throws -> ProcessOutcome {
        try ChildProcess.run(
            try ClientProgram.path("scp"), login.openSSHOptions + ["-P", String(login.port), source, target],
            environment: SFTPLogin.clientEnvironment, workingDirectory: workingDirectory, timeout: timeout)
    }

    /// `USER@HOST:PATH` for scp.
    public func remote(_ path: String) -> String { "\(login.username)@\(login.host):\(path)" }

    /// `ssh [OPTIONS] USER@HOST [COMMAND…]`.
    public func ssh(
        _ options: [String], command: [String] = [], environment: [String: String]? = nil,
        timeout: Duration = .seconds(30)
    ) throws -> ProcessOutcome {
        try ChildProcess.run(
            try ClientProgram.path("ssh"), sshArguments(options, command: command),
            environment: environment ?? SFTPLogin.clientEnvironment, workingDirectory: workingDirectory,
            timeout: timeout)
    }

    /// Starts `ssh [OPTIONS] USER@HOST` in the background (port forwarding with `-N`).
    public func startSSH(_ options: [String]) throws -> ChildProcess {
        try ChildProcess(
            try ClientProgram.path("ssh"), sshArguments(options, command: []),
            environment: SFTPLogin.clientEnvironment, workingDirectory: workingDirectory)
    }

    private func sftpArguments(_ options: [String]) -> [String] {
        login.openSSHOptions + options + ["-P", String(login.port), "-b", "-", "\(login.username)@\(login.host)"]
    }

    private func sshArguments(_ options: [String], command: [String]) -> [String] {
        login.openSSHOptions + options + ["-p", String(login.port), "\(login.username)@\(login.host)"] + command
    }
}
