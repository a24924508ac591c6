import Foundation

extension PandaBinary {
    /// Runs `panda ARGS --data-dir DIR` as a `ChildProcess`, with a time limit, safe to call from tests that
    /// run in parallel with long-lived servers (see `ChildProcess`).
    public static func outcome(
        _ arguments: [String], dataDirectory: String, timeout: Duration = .seconds(60)
    ) throws -> ProcessOutcome {
        try ChildProcess.run(path, arguments + ["--data-dir", dataDirectory], timeout: timeout)
    }
}
