import Foundation

/// A Python server from `LoopbackReceiverScripts` on 127.0.0.1, recording what it receives as JSON lines;
/// stopped by process id (on `stop()` or when released), its files removed.
public final class LoopbackReceiver: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    private let directory: TemporaryDirectory
    private let child: ChildProcess

    /// Starts `script` with `PORT OUTPUT arguments…` (port 0 picks a free one) and waits until it listens.
    init(script: String, name: String, port: Int, arguments: [String], timeout: Duration = .seconds(10)) throws {
        directory = try TemporaryDirectory(prefix: "panda-\(name)")
        let program = directory.file("\(name).py")
        // Data.write without .atomic: Foundation's atomic writes leave temporary folders behind.
        try Data(script.utf8).write(to: URL(fileURLWithPath: program))
        guard let python = ProcessRunner.which("python3") else {
            directory.remove()
            throw ReceiverDidNotStart(log: "python3 is not installed (scripts/bootstrap test installs it)")
        }
        do {
            child = try ChildProcess(
                python, ["-u", program, String(port), directory.file("received.jsonl")] + arguments)
        } catch {
            directory.remove()
            throw error
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = child.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("listening ") }),
                let bound = Int(line.dropFirst("listening ".count))
            {
                self.port = bound
                return
            }
            guard child.isRunning, ContinuousClock.now < deadline else {
                let log = child.standardError
                child.stop()
                directory.remove()
                throw ReceiverDidNotStart(log: log)
            }
            usleep(10_000)
        }
    }

    deinit {
        child.stop()
        directory.remove()
    }

    /// Stops the server (SIGTERM, then SIGKILL); later connections are refused.
    public func stop() { child.stop(grace: .seconds(2)) }

    /// Every record so far, as JSON objects, oldest first.
    func records() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: directory.file("received.jsonl"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Polls `records()` until `count` have arrived or `timeout` passes.
    func awaitRecords(count: Int, timeout: Duration) -> [[String: Any]] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = records()
            if found.count >= count || ContinuousClock.now >= deadline { return found }
            usleep(20_000)
        }
    }

    /// The receiver exited or never printed its port.
    public struct ReceiverDidNotStart: Error, CustomStringConvertible {
        public let log: String
        public var description: String { "the loopback receiver did not start: \(log)" }
    }
}
