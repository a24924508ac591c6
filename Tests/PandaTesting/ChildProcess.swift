import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a child process ended.
public struct ProcessOutcome: Sendable {
    /// Exit status, or the signal number when `killedBySignal`.
    public let status: Int32
    public let killedBySignal: Bool
    /// True when the process outlived its time limit and was killed.
    public let timedOut: Bool
    public let stdout: String
    public let stderr: String
    /// Wall-clock time from start to exit.
    public let seconds: Double

    /// Exited by itself with status 0.
    public var succeeded: Bool { status == 0 && !killedBySignal && !timedOut }
}

/// A program started in the background (a server, a client killed mid-transfer) or run with a time limit,
/// in its own process group, and stopped by its process id.
///
/// It is spawned with `posix_spawn` rather than Foundation's `Process`, whose Linux implementation lets a
/// child started at the same moment on another thread inherit the descriptor that reports the other
/// child's exit; a long-lived child (a server, `ssh -N`) holding one makes a concurrent
/// `Process.waitUntilExit()` hang. Here every descriptor above 2 is closed in the child, standard output
/// and error go to files (no pipe can block), and the child is reaped with `waitpid`.
public final class ChildProcess: @unchecked Sendable {
    /// The child's process id, which is also its process group id.
    public let pid: pid_t
    private let outputDirectory: TemporaryDirectory
    private let started = Date()
    private let lock = NSLock()
    private var waitStatus: Int32?
    private var groupKilled = false

    /// Starts `executable ARGUMENTS` with `input` (or nothing) on standard input.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Data? = nil,
        workingDirectory: String? = nil
    ) throws {
        outputDirectory = try TemporaryDirectory(prefix: "panda-child")
        // Data.write without .atomic: Foundation's atomic writes leave empty /tmp/TemporaryDirectory.* folders.
        try (input ?? Data()).write(to: URL(fileURLWithPath: outputDirectory.file("stdin")))
        do {
            pid = try Spawner.spawn(
                executable, arguments, environment: environment ?? ProcessInfo.processInfo.environment,
                standardInput: outputDirectory.file("stdin"), standardOutput: outputDirectory.file("stdout"),
                standardError: outputDirectory.file("stderr"), workingDirectory: workingDirectory)
        } catch {
            outputDirectory.remove()
            throw error
        }
    }

    deinit {
        stop()
        outputDirectory.remove()
    }

    /// True until the child has exited (and been reaped).
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// What the child printed on standard output so far.
    public var standardOutput: String { read("stdout") }

    /// What the child printed on standard error so far.
    public var standardError: String { read("stderr") }

    /// Waits until the child exits; false if it is still running after `timeout`.
    @discardableResult
    public func waitForExit(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            if ContinuousClock.now >= deadline { return false }
            usleep(5_000)
        }
        return true
    }

    /// Stops the child: SIGTERM, then SIGKILL to it and its process group after `grace`. Idempotent.
    public func stop(grace: Duration = .seconds(5)) {
        if isRunning {
            kill(pid, SIGTERM)
            if !waitForExit(timeout: grace) { kill(pid, SIGKILL) }
            _ = reap(blocking: true)
        }
        killGroup()
    }

    /// Kills the child and what it started at once with SIGKILL, as a crash or a pulled cable would.
    public func killAbruptly() {
        if isRunning { kill(-pid, SIGKILL) }
        _ = reap(blocking: true)
        killGroup()
    }

    /// The outcome so far: how the child ended, or status -1 marked as timed out while it still runs.
    public func outcome(timedOut: Bool = false) -> ProcessOutcome {
        let elapsed = Date().timeIntervalSince(started)
        guard let status = reap(blocking: false) else {
            return ProcessOutcome(
                status: -1, killedBySignal: false, timedOut: true, stdout: standardOutput, stderr: standardError,
                seconds: elapsed)
        }
        let signal = status & 0x7f
        return ProcessOutcome(
            status: signal == 0 ? (status >> 8) & 0xff : signal, killedBySignal: signal != 0, timedOut: timedOut,
            stdout: standardOutput, stderr: standardError, seconds: elapsed)
    }

    /// Runs a program to completion, killing it (and its process group) if it takes longer than `timeout`.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Data? = nil,
        workingDirectory: String? = nil, timeout: Duration = .seconds(30)
    ) throws -> ProcessOutcome {
        let child = try ChildProcess(
            executable, arguments, environment: environment, input: input, workingDirectory: workingDirectory)
        let exited = child.waitForExit(timeout: timeout)
        if !exited { child.stop(grace: .seconds(1)) }
        child.killGroup()
        return child.outcome(timedOut: !exited)
    }

    /// The raw wait status once the child has been reaped; `blocking` waits for it.
    private func reap(blocking: Bool) -> Int32? {
        lock.withLock {
            if let waitStatus { return waitStatus }
            var status: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            } while result == -1 && errno == EINTR
            if result == pid { waitStatus = status }
            return waitStatus
        }
    }

    /// Kills whatever is left of the child's process group (the `ssh` that `sftp` or `lftp` started), once,
    /// right after the child ended, so the group id cannot have been reused yet.
    private func killGroup() {
        let first = lock.withLock {
            defer { groupKilled = true }
            return !groupKilled
        }
        if first { kill(-pid, SIGKILL) }
    }

    private func read(_ name: String) -> String {
        (try? String(contentsOfFile: outputDirectory.file(name), encoding: .utf8)) ?? ""
    }
}
