import Foundation

/// A client program (ssh, sftp, python) started in the background with posix_spawn, so a test knows its
/// PID, can give it a deadline and kills it by that PID if it overruns.
final class ClientProcess {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        let timedOut: Bool

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    let pid: pid_t
    private let stdoutPath: String
    private let stderrPath: String
    private var finished: Result?

    /// Starts `arguments[0]` (searched on PATH); stdin comes from `stdinPath` (default /dev/null), stdout and
    /// stderr go to files in `directory`; `environment` entries are added to (or replace) ours.
    init(
        _ arguments: [String], stdinPath: String = "/dev/null", directory: String, environment: [String: String] = [:]
    ) throws {
        let tag = UUID().uuidString
        stdoutPath = directory + "/out-\(tag)"
        stderrPath = directory + "/err-\(tag)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = arguments.map { strdup($0) } + [nil]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The test runner may block or ignore signals; children must start with default handling so that
        // SIGTERM from `terminate()` works.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        self.pid = pid
    }

    deinit {
        if finished == nil { _ = wait(timeout: .zero) }
        unlink(stdoutPath)
        unlink(stderrPath)
    }

    /// Waits for exit; after `timeout` the process is killed (SIGKILL, by PID) and reaped.
    func wait(timeout: Duration = .seconds(15)) -> Result {
        if let finished { return finished }
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var timedOut = false
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid || (rc < 0 && errno != EINTR) { break }
            if ContinuousClock.now >= deadline {
                timedOut = true
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(5_000)
        }
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let result = Result(
            status: exitCode, stdout: FileManager.default.contents(atPath: stdoutPath) ?? Data(),
            stderr: String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self),
            timedOut: timedOut)
        finished = result
        return result
    }

    /// True while the process has not exited.
    var isRunning: Bool {
        guard finished == nil else { return false }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid {
            let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            finished = Result(
                status: exitCode, stdout: FileManager.default.contents(atPath: stdoutPath) ?? Data(),
                stderr: String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self),
                timedOut: false)
            return false
        }
        return true
    }

    /// Ends the process (SIGTERM by PID) and reaps it.
    func terminate() -> Result {
        if isRunning { kill(pid, SIGTERM) }
        return wait(timeout: .seconds(3))
    }
}
