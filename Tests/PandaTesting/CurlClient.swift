import Foundation

/// `curl` with its `sftp://` scheme (libssh2), as scripts at institutions use it.
public struct CurlClient: Sendable {
    public let login: SFTPLogin

    public init(login: SFTPLogin) { self.login = login }

    /// `sftp://HOST:PORT/PATH` for this login.
    public func url(_ path: String) -> String { "sftp://\(login.host):\(login.port)\(path)" }

    /// Downloads `path` into `localFile`.
    public func download(_ path: String, to localFile: String, timeout: Duration = .seconds(30)) throws
        -> ProcessOutcome
    {
        try curl(["-o", localFile, url(path)], timeout: timeout)
    }

    /// Uploads `localFile` to `path` (`-T`).
    public func upload(_ localFile: String, to path: String, extra: [String] = [], timeout: Duration = .seconds(30))
        throws -> ProcessOutcome
    {
        try curl(extra + ["-T", localFile, url(path)], timeout: timeout)
    }

    /// Starts an upload in the background (to kill it mid-transfer); `rateLimit` as curl's `--limit-rate`.
    public func startUpload(_ localFile: String, to path: String, rateLimit: String) throws -> ChildProcess {
        try ChildProcess(
            try ClientProgram.path("curl"), commonArguments + ["--limit-rate", rateLimit, "-T", localFile, url(path)],
            environment: SFTPLogin.clientEnvironment)
    }

    /// Lists a folder (`path` ends in `/`), running SFTP `quote` commands such as `rename A B` first.
    public func list(_ path: String, quote: [String] = [], timeout: Duration = .seconds(30)) throws -> ProcessOutcome {
        try curl(quote.flatMap { ["-Q", $0] } + ["-l", url(path)], timeout: timeout)
    }

    /// Runs curl with the login's key and any further arguments.
    public func curl(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> ProcessOutcome {
        try ChildProcess.run(
            try ClientProgram.path("curl"), commonArguments + arguments, environment: SFTPLogin.clientEnvironment,
            timeout: timeout)
    }

    /// `-sS --fail -k` (no host-key check), the key pair and the user name.
    private var commonArguments: [String] {
        ["-sS", "--fail", "-k", "--key", login.privateKey, "--pubkey", login.publicKey, "-u", "\(login.username):"]
    }
}
