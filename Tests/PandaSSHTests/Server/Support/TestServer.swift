import Foundation
import PandaCore
import PandaSSH
import PandaTesting

/// A real `SSHServer` on 127.0.0.1 with a free port, driven by the OpenSSH client. Call `shutDown()` at the
/// end of each test: it stops the server, kills leftover clients by PID and removes the work directory.
final class TestServer {
    enum Subsystem {
        case miniSFTP
        case echo
    }

    let server: SSHServer
    let observer = RecordingObserver()
    let authenticator: TestAuthenticator
    let banList: InMemoryBanList
    let logs = MemoryLogSink()
    let work: TemporaryDirectory
    let port: Int
    private var clients: [ClientProcess] = []

    init(
        accounts: [String: [TestKeys.Key]] = ["alice": [TestKeys.alice], "bob": [TestKeys.bob]],
        sessionLimits: [String: Int] = [:], limits: SSHServerLimits = .init(), banPolicy: SSHBanPolicy = .init(),
        subsystem: Subsystem = .miniSFTP, shutdownGracePeriod: Duration = .seconds(2)
    ) throws {
        work = try TemporaryDirectory(prefix: "panda-ssh-test")
        authenticator = TestAuthenticator(accounts, sessionLimits: sessionLimits)
        banList = InMemoryBanList(policy: banPolicy)
        let configuration = SSHServerConfiguration(
            hostKeyDirectory: TestKeys.hostKeyDirectory.path, host: "127.0.0.1", port: 0, limits: limits,
            shutdownGracePeriod: shutdownGracePeriod)
        server = SSHServer(
            configuration: configuration, authenticator: authenticator, banList: banList, observer: observer,
            logger: Logger(component: "ssh", sink: logs, minimumLevel: .debug)
        ) { _, writer in
            switch subsystem {
            case .miniSFTP: MiniSFTPHandler(writer: writer)
            case .echo: EchoHandler(writer: writer)
            }
        }
        do {
            try server.start()
        } catch {
            work.remove()
            throw error
        }
        port = server.boundPort!
    }

    func shutDown() {
        for client in clients { _ = client.terminate() }
        clients.removeAll()
        server.stop()
        work.remove()
    }

    /// Options every client gets: no config files, no agent, no known_hosts, never prompt.
    func sshOptions(key: TestKeys.Key?, agent: String? = nil) -> [String] {
        var options = [
            "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=\(agent ?? "none")", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
        ]
        if let key { options += ["-i", key.privateKeyPath] }
        return options
    }

    /// Starts `ssh [options] -p PORT USER@127.0.0.1 [remote…]`.
    func ssh(
        user: String, key: TestKeys.Key?, options: [String] = [], remote: [String] = [], stdin: String = "/dev/null",
        agent: String? = nil
    ) throws -> ClientProcess {
        try spawn(
            ["ssh"] + sshOptions(key: key, agent: agent) + options + ["-p", String(port), "\(user)@127.0.0.1"] + remote,
            stdin: stdin)
    }

    /// Starts `sftp -b BATCH` with the given batch commands.
    func sftp(user: String, key: TestKeys.Key, batch: String = "pwd\n", options: [String] = []) throws -> ClientProcess
    {
        let batchFile = work.file("batch-\(UUID().uuidString)")
        try batch.write(toFile: batchFile, atomically: false, encoding: .utf8)
        return try spawn(
            ["sftp", "-b", batchFile] + sshOptions(key: key) + options + ["-P", String(port), "\(user)@127.0.0.1"])
    }

    /// Starts a paramiko script (`PORT` is passed as the first argument).
    func python(_ script: String) throws -> ClientProcess {
        let file = work.file("client-\(UUID().uuidString).py")
        try script.write(toFile: file, atomically: false, encoding: .utf8)
        return try spawn(["/work/main/.venv/bin/python", file, String(port)])
    }

    func spawn(
        _ arguments: [String], stdin: String = "/dev/null", environment: [String: String] = [:]
    ) throws -> ClientProcess {
        let client = try ClientProcess(arguments, stdinPath: stdin, directory: work.path, environment: environment)
        clients.append(client)
        return client
    }
}
