import Foundation

/// paramiko (Python), driven through `ParamikoDriver`: one login, then SFTP operations with exact status codes.
public struct ParamikoClient: Sendable {
    public let python: String

    /// Finds a Python with paramiko: `$PANDA_PYTHON`, the project's `.venv` (made by `scripts/bootstrap test`),
    /// then `python3` on PATH.
    public init() throws {
        guard let python = Self.pythonWithParamiko else {
            throw ClientProgram.ClientMissing(
                name: "paramiko (python3 -m venv .venv && .venv/bin/pip install paramiko)")
        }
        self.python = python
    }

    /// The first candidate interpreter that can `import paramiko`, looked up once.
    private static let pythonWithParamiko: String? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        var candidates = [packageRoot + "/.venv/bin/python3"]
        if let explicit = ProcessInfo.processInfo.environment["PANDA_PYTHON"] { candidates.insert(explicit, at: 0) }
        if let system = ProcessRunner.which("python3") { candidates.append(system) }
        return candidates.first { candidate in
            FileManager.default.isExecutableFile(atPath: candidate)
                && (try? ChildProcess.run(candidate, ["-c", "import paramiko"]).succeeded) == true
        }
    }()

    /// How the client tries to log in.
    public enum Authentication: Sendable {
        case publicKey
        case password(String)
        case keyboardInteractive(String)
        /// The `none` method, whose refusal lists the methods the server offers.
        case none
    }

    /// Logs in and runs `operations` in one SFTP session.
    public func run(
        _ login: SFTPLogin, authentication: Authentication = .publicKey, operations: [ParamikoOperation] = [],
        timeout: Duration = .seconds(60)
    ) throws -> ParamikoReport {
        let (method, secret): (String, String?) =
            switch authentication {
            case .publicKey: ("publickey", nil)
            case .password(let secret): ("password", secret)
            case .keyboardInteractive(let secret): ("keyboard-interactive", secret)
            case .none: ("none", nil)
            }
        let request = ParamikoRequest(
            host: login.host, port: login.port, username: login.username, privateKey: login.privateKey,
            method: method, secret: secret, operations: operations)
        let outcome = try ChildProcess.run(
            python, ["-c", ParamikoDriver.source], environment: SFTPLogin.clientEnvironment,
            input: try JSONEncoder().encode(request), timeout: timeout)
        guard outcome.succeeded, let line = outcome.stdout.split(separator: "\n").last else {
            throw ParamikoFailed(outcome: outcome)
        }
        return try JSONDecoder().decode(ParamikoReport.self, from: Data(line.utf8))
    }

    /// The driver itself failed (not an SFTP refusal, which is reported in the results).
    public struct ParamikoFailed: Error, CustomStringConvertible {
        public let outcome: ProcessOutcome
        public var description: String { "paramiko driver failed (\(outcome.status)): \(outcome.stderr)" }
    }
}

/// What the driver reads on standard input.
struct ParamikoRequest: Encodable {
    let host: String
    let port: Int
    let username: String
    let privateKey: String
    let method: String
    let secret: String?
    let operations: [ParamikoOperation]
}
