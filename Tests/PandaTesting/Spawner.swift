import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `posix_spawn` with standard streams from files, its own process group, default signal handling, and
/// every other descriptor closed in the child (glibc's `posix_spawn_file_actions_addclosefrom_np`).
enum Spawner {
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32

    /// Starts the program and returns its process id.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], standardInput: String,
        standardOutput: String, standardError: String, workingDirectory: String?
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        try check("open stdin", posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0))
        let writeFlags = O_WRONLY | O_CREAT | O_TRUNC
        try check("open stdout", posix_spawn_file_actions_addopen(&actions, 1, standardOutput, writeFlags, 0o600))
        try check("open stderr", posix_spawn_file_actions_addopen(&actions, 2, standardError, writeFlags, 0o600))
        if let workingDirectory {
            let addChdir: AddChdir = try glibcFunction("posix_spawn_file_actions_addchdir_np")
            try check("chdir", addChdir(&actions, workingDirectory))
        }
        let addCloseFrom: AddCloseFrom = try glibcFunction("posix_spawn_file_actions_addclosefrom_np")
        try check("closefrom", addCloseFrom(&actions, 3))

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        try check("spawn \(executable)", posix_spawn(&pid, executable, &actions, &attributes, argv, envp))
        return pid
    }

    private static func glibcFunction<T>(_ name: String) throws -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            throw SpawnFailed(step: "\(name) (glibc 2.34 or later is needed)", code: ENOSYS)
        }
        return unsafeBitCast(symbol, to: T.self)
    }

    private static func check(_ step: String, _ code: Int32) throws {
        guard code == 0 else { throw SpawnFailed(step: step, code: code) }
    }

    /// posix_spawn or one of its setup steps failed.
    struct SpawnFailed: Error, CustomStringConvertible {
        let step: String
        let code: Int32
        var description: String { "\(step): \(String(cString: strerror(code)))" }
    }
}
