import Foundation

/// The outcome of a finished child process.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs real executables (the `panda` binary, `ssh-keygen`, clients) from tests.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` to completion, feeding `input` on standard input.
    ///
    /// Goes through `ChildProcess` (posix_spawn), not Foundation's `Process`, whose Linux implementation can
    /// hang a concurrent wait when tests start processes in parallel.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil,
        timeout: Duration = .seconds(120)
    ) throws -> ProcessResult {
        let outcome = try ChildProcess.run(
            executable, arguments, environment: environment, input: input.map { Data($0.utf8) }, timeout: timeout)
        return ProcessResult(
            status: outcome.killedBySignal || outcome.timedOut ? -1 : outcome.status, stdout: outcome.stdout,
            stderr: outcome.stderr + (outcome.timedOut ? "\n(timed out after \(timeout))" : ""))
    }

    /// Finds a program on PATH (e.g. `ssh-keygen`), or nil.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
