import Foundation

/// The real `panda serve` on a free loopback port, with its own data directory; stopped by process id.
public final class ServerProcess: @unchecked Sendable {
    /// The SFTP port the server printed (`sftp listening on 127.0.0.1:PORT`).
    public let port: Int
    /// The admin HTTP port the server printed (`http listening on 127.0.0.1:PORT`), printed before the SFTP line.
    public let httpPort: Int
    public let dataDirectory: String
    private let child: ChildProcess

    /// Starts `panda serve --data-dir DIR --host 127.0.0.1 --sftp-port 0 --http-port 0 EXTRA…` and waits
    /// until it prints its port.
    public init(dataDirectory: String, extraArguments: [String] = [], timeout: Duration = .seconds(30)) throws {
        self.dataDirectory = dataDirectory
        let arguments =
            [
                "serve", "--data-dir", dataDirectory, "--host", "127.0.0.1", "--sftp-port", "0", "--http-port", "0",
            ] + extraArguments
        child = try ChildProcess(PandaBinary.path, arguments)
        let deadline = ContinuousClock.now + timeout
        while true {
            let output = child.standardOutput
            if let port = Self.announcedPort(in: output) {
                self.port = port
                httpPort = Self.announcedPort(in: output, listener: "http") ?? 0
                return
            }
            guard child.isRunning, ContinuousClock.now < deadline else {
                let log = child.standardError.split(separator: "\n").suffix(20).joined(separator: "\n")
                child.stop()
                throw ServerDidNotStart(log: log)
            }
            usleep(10_000)
        }
    }

    deinit { child.stop() }

    /// The server's process id.
    public var pid: Int32 { child.pid }

    public var isRunning: Bool { child.isRunning }

    /// The server's log (standard error) so far.
    public var log: String { child.standardError }

    /// Stops the server with SIGTERM (SIGKILL after `grace`) and returns how it ended.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) -> ProcessOutcome {
        child.stop(grace: grace)
        return child.outcome()
    }

    /// The port in a `sftp listening on HOST:PORT` line (or another listener's).
    static func announcedPort(in output: String, listener: String = "sftp") -> Int? {
        for line in output.split(separator: "\n") where line.hasPrefix("\(listener) listening on ") {
            if let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...]) {
                return port
            }
        }
        return nil
    }

    /// `panda serve` exited or stayed silent instead of printing its port.
    public struct ServerDidNotStart: Error, CustomStringConvertible {
        public let log: String
        public var description: String { "panda serve did not print its port; its log ends with:\n\(log)" }
    }
}
