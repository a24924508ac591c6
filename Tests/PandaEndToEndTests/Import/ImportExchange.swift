import Foundation
import PandaTesting
import Testing

/// A real `panda serve` whose importer runs (a short settle time), one account `uni1` with a registered
/// key and a published roster, and the helpers the import tests need: uploads with OpenSSH `sftp`, the
/// database read back with `sqlite3`, and a restart after `kill -9`.
final class ImportExchange {
    let root: TemporaryDirectory
    private(set) var server: ServerProcess
    let settle: Int
    private(set) var key: KeyGenerator.GeneratedKey!

    var dataDirectory: String { root.file("data") }
    var clientDirectory: String { root.file("client") }

    init(settle: Int = 1) throws {
        root = try TemporaryDirectory(prefix: "panda-import-e2e")
        self.settle = settle
        for folder in ["data", "client"] {
            try FileManager.default.createDirectory(atPath: root.file(folder), withIntermediateDirectories: true)
        }
        do {
            server = try ServerProcess(dataDirectory: root.file("data"), extraArguments: ["--settle", String(settle)])
        } catch {
            root.remove()
            throw error
        }
    }

    /// Creates `uni1` (production only), registers a key, puts `students` on the roster and publishes it.
    func prepare(students: [String]) throws {
        try panda("institution", "add", "uni1", "--name", "University One", "--environments", "production")
        key = try KeyGenerator.generate("ed25519", name: "uni1", in: clientDirectory)
        try panda("key", "add", "uni1", key.publicKeyPath)
        let roster = root.file("client/roster.txt")
        try students.joined(separator: "\n").write(toFile: roster, atomically: false, encoding: .utf8)
        try panda("roster", "import", "uni1", roster)
        try panda("cycle", "publish", "uni1")
    }

    deinit {
        server.stop()
        root.remove()
    }

    /// Stops the server cleanly and expects it survived the test.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(server.isRunning, "panda serve died:\n\(server.log)", sourceLocation: sourceLocation)
        let outcome = server.stop()
        #expect(outcome.status == 0 && !outcome.killedBySignal, "\(outcome.stderr)", sourceLocation: sourceLocation)
    }

    /// `kill -9` the server, as a crash would.
    func crash() {
        kill(server.pid, SIGKILL)
        server.stop()
    }

    /// Starts the server again on the same data directory (a new port).
    func restart() throws {
        server = try ServerProcess(dataDirectory: dataDirectory, extraArguments: ["--settle", String(settle)])
    }

    @discardableResult
    func panda(_ arguments: String...) throws -> String {
        let result = try PandaBinary.outcome(arguments, dataDirectory: dataDirectory, timeout: .seconds(300))
        guard result.succeeded else {
            throw Failed(what: "panda \(arguments.joined(separator: " "))", output: result.stderr)
        }
        return result.stdout
    }

    /// Writes a file into the client folder.
    func clientFile(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: root.file("client/\(name)")))
    }

    /// Runs `sftp -b -` as uni1 with the given commands; they must all succeed.
    @discardableResult
    func sftp(_ commands: [String], timeout: Duration = .seconds(120)) throws -> String {
        let client = OpenSSHClient(
            login: SFTPLogin(port: server.port, username: "uni1", privateKey: key.privateKeyPath),
            workingDirectory: clientDirectory)
        let outcome = try client.sftp(commands, timeout: timeout)
        guard outcome.succeeded else { throw Failed(what: "sftp \(commands)", output: outcome.stderr) }
        return outcome.stdout
    }

    /// Rows of a query, each as its columns joined by `|` (sqlite3's list mode).
    func rows(_ sql: String) throws -> [String] {
        let outcome = try ChildProcess.run(
            try ClientProgram.path("sqlite3"), ["-cmd", ".timeout 60000", dataDirectory + "/panda.sqlite", sql],
            timeout: .seconds(120))
        guard outcome.succeeded else { throw Failed(what: "sqlite3 \(sql)", output: outcome.stderr) }
        return outcome.stdout.split(separator: "\n").map(String.init)
    }

    func count(_ sql: String) throws -> Int { Int(try rows(sql).first ?? "") ?? -1 }

    /// Polls until `condition` holds (true) or `timeout` passes (false).
    func await(timeout: Duration = .seconds(60), _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            usleep(100_000)
        }
    }

    /// `DATA/accounts/uni1/FOLDER` on the host, sorted.
    func hostFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/accounts/uni1/\(folder)")) ?? [])
            .sorted()
    }

    struct Failed: Error, CustomStringConvertible {
        let what: String
        let output: String
        var description: String { "\(what) failed: \(output)" }
    }
}
