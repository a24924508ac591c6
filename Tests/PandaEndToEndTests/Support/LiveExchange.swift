import Foundation
import PandaTesting
import Testing

/// A real `panda serve` with its own data directory, set up with the `panda` command line as an operator
/// would, plus a client-side folder for keys and files. Stop it with `finish()` at the end of the test.
///
/// Layout of the temporary root: `data/` (the data directory), `client/` (keys, files to upload,
/// downloads), `outside/` (a canary beside the data directory).
final class LiveExchange {
    let root: TemporaryDirectory
    let server: ServerProcess

    var dataDirectory: String { root.file("data") }
    var clientDirectory: String { root.file("client") }
    var outsideDirectory: String { root.file("outside") }
    var port: Int { server.port }

    /// Starts the server, then creates `institutions` (accounts `ID` and `ID-test` each).
    ///
    /// `--settle` is a day so that a future importer never moves uploads out of `inbound/` during a test;
    /// `serverArguments` are added to `panda serve` (e.g. `--smtp-url`).
    init(institutions: [String] = ["uni1"], serverArguments: [String] = []) throws {
        root = try TemporaryDirectory(prefix: "panda-e2e")
        for folder in ["data", "client", "outside"] {
            try FileManager.default.createDirectory(atPath: root.file(folder), withIntermediateDirectories: true)
        }
        do {
            server = try ServerProcess(
                dataDirectory: root.file("data"), extraArguments: ["--settle", "86400"] + serverArguments)
        } catch {
            root.remove()
            throw error
        }
        for id in institutions {
            try panda("institution", "add", id, "--name", "Institution \(id)")
        }
    }

    deinit {
        server.stop()
        root.remove()
    }

    /// Checks the server survived the test, stops it with SIGTERM, and expects a clean exit.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(server.isRunning, "panda serve died during the test:\n\(server.log)", sourceLocation: sourceLocation)
        let outcome = server.stop()
        #expect(
            outcome.status == 0 && !outcome.killedBySignal, "panda serve did not stop cleanly:\n\(outcome.stderr)",
            sourceLocation: sourceLocation)
    }

    // MARK: - The command line

    /// Runs `panda ARGS --data-dir DATA`, which must succeed; returns its standard output.
    @discardableResult
    func panda(_ arguments: String...) throws -> String { try panda(arguments: arguments) }

    /// Runs `panda ARGS --data-dir DATA`, which must succeed; returns its standard output.
    @discardableResult
    func panda(arguments: [String]) throws -> String {
        let result = try PandaBinary.outcome(arguments, dataDirectory: dataDirectory)
        guard result.succeeded else {
            throw CommandFailed(command: "panda " + arguments.joined(separator: " "), output: result.stderr)
        }
        return result.stdout
    }

    /// Runs `panda ARGS --data-dir DATA` whatever its outcome.
    func pandaResult(_ arguments: String...) throws -> ProcessOutcome {
        try PandaBinary.outcome(arguments, dataDirectory: dataDirectory)
    }

    /// Puts `students` on the account's roster and publishes `/outbound/students.csv`.
    func publishRoster(_ account: String, students: [String] = ["K0000001", "K0000002", "K0000003"]) throws {
        try panda(arguments: ["roster", "add", account] + students)
        try panda("cycle", "publish", account)
    }

    // MARK: - Keys and logins

    /// A new key pair in the client folder.
    func newKey(_ kind: KeyKind, name: String) throws -> KeyGenerator.GeneratedKey {
        try KeyGenerator.generate(kind.sshKeygenType, bits: kind.bits, name: name, in: clientDirectory)
    }

    /// A new key pair registered for `account` with `panda key add` (plus `options` such as `--from`).
    func registeredKey(
        _ kind: KeyKind, for account: String, name: String? = nil, options: [String] = []
    ) throws -> KeyGenerator.GeneratedKey {
        let key = try newKey(kind, name: name ?? "\(account)-\(kind)")
        try panda(arguments: ["key", "add", account, key.publicKeyPath] + options)
        return key
    }

    func login(_ account: String, _ key: KeyGenerator.GeneratedKey) -> SFTPLogin {
        SFTPLogin(port: port, username: account, privateKey: key.privateKeyPath)
    }

    func openSSH(_ account: String, _ key: KeyGenerator.GeneratedKey) -> OpenSSHClient {
        OpenSSHClient(login: login(account, key), workingDirectory: clientDirectory)
    }

    // MARK: - Files on both sides

    /// `DATA/accounts/ACCOUNT/FOLDER[/NAME]` on the host.
    func hostPath(_ account: String, _ folder: String, _ name: String? = nil) -> String {
        dataDirectory + "/accounts/\(account)/\(folder)" + (name.map { "/\($0)" } ?? "")
    }

    /// Names of the files in `DATA/accounts/ACCOUNT/FOLDER` (empty if the folder does not exist).
    func hostFiles(_ account: String, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: hostPath(account, folder))) ?? []).sorted()
    }

    /// Writes a file into the client folder and returns its path.
    @discardableResult
    func clientFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = root.file("client/\(name)")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A small CSV upload whose content names `tag`, so each client's upload is distinguishable.
    @discardableResult
    func csvFile(_ name: String, tag: String) throws -> String {
        try clientFile(name, Array("user,\"K0000002\",\"\(tag)\",\"\",\"John\",\"Doe\",\"\",\"2\",\"1\"\r\n".utf8))
    }

    func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

    // MARK: - Audit log and intake queue

    /// `panda audit [ACCOUNT] --json`, all entries, oldest first.
    func audit(_ account: String? = nil) throws -> [AuditRecord] {
        let arguments = ["audit"] + (account.map { [$0] } ?? []) + ["--limit", "100000", "--json"]
        let result = try PandaBinary.outcome(arguments, dataDirectory: dataDirectory)
        guard result.succeeded else { throw CommandFailed(command: "panda audit", output: result.stderr) }
        return try JSONDecoder().decode([AuditRecord].self, from: Data(result.stdout.utf8))
    }

    /// Waits (the server writes session events in batches) until the audit log has an entry matching
    /// `predicate`; returns the whole log.
    @discardableResult
    func awaitAudit(
        _ account: String? = nil, timeout: Duration = .seconds(10), where predicate: (AuditRecord) -> Bool
    ) throws -> [AuditRecord] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let entries = try audit(account)
            if entries.contains(where: predicate) || ContinuousClock.now >= deadline { return entries }
            usleep(50_000)
        }
    }

    /// The intake queue (the store's `uploads` table) for `account`.
    func queuedUploads(_ account: String) throws -> [QueuedUpload] {
        try StoreInspector(dataDirectory: dataDirectory).uploads(account: account)
    }

    /// A failed `panda` command.
    struct CommandFailed: Error, CustomStringConvertible {
        let command: String
        let output: String
        var description: String { "\(command) failed: \(output)" }
    }
}
