import CLibSSH
import PandaCore
import Synchronization

/// Everything connections share: settings, the executable's policy objects, the limiter and the bind.
final class SSHServerContext: Sendable {
    let configuration: SSHServerConfiguration
    let authenticator: any SSHAuthenticator
    let subsystemFactory: SSHSubsystemFactory
    let banList: any SSHBanList
    let observer: (any SSHServerObserver)?
    let logger: Logger
    let clock: any WallClock
    let limiter: LoginLimiter
    let bind: BindHandle

    init(
        configuration: SSHServerConfiguration, authenticator: any SSHAuthenticator,
        subsystemFactory: @escaping SSHSubsystemFactory, banList: any SSHBanList, observer: (any SSHServerObserver)?,
        logger: Logger, clock: any WallClock, limiter: LoginLimiter, bind: BindHandle
    ) {
        self.configuration = configuration
        self.authenticator = authenticator
        self.subsystemFactory = subsystemFactory
        self.banList = banList
        self.observer = observer
        self.logger = logger
        self.clock = clock
        self.limiter = limiter
        self.bind = bind
    }

    var limits: SSHServerLimits { configuration.limits }

    func emit(_ event: SSHServerEvent) {
        observer?.observe(event)
    }
}

/// The `ssh_bind` holding the host keys and algorithm lists that every session copies.
///
/// `@unchecked Sendable` because `ssh_bind` is a C pointer: `ssh_bind_accept_fd` mutates the bind (error
/// state, lazy config parsing), so every use after setup goes through `lock`.
final class BindHandle: @unchecked Sendable {
    private let raw: OpaquePointer
    private let lock = Mutex(())

    /// A bind with our algorithms and the given host keys; libssh takes ownership of the key handles'
    /// copies, the originals stay with the caller.
    init(hostKeys: [LibSSHKey]) throws {
        raw = try LibSSH.checkNotNull(ssh_bind_new(), "ssh_bind_new")
        do {
            // Never read /etc/ssh/libssh_server_config: it could re-enable algorithms we refuse.
            var processConfig = false
            try LibSSH.check(
                ssh_bind_options_set(raw, SSH_BIND_OPTIONS_PROCESS_CONFIG, &processConfig),
                "ssh_bind_options_set(PROCESS_CONFIG)", handle: raw)
            try SSHAlgorithms.apply(to: raw)
            for key in hostKeys {
                guard let copy = withExtendedLifetime(key, { ssh_key_dup(key.raw) }) else {
                    throw SSHServerError.libssh(call: "ssh_key_dup", message: "returned NULL")
                }
                let rc = ssh_bind_options_set(raw, SSH_BIND_OPTIONS_IMPORT_KEY, UnsafeRawPointer(copy))
                if rc != SSH_OK { ssh_key_free(copy) }
                try LibSSH.check(rc, "ssh_bind_options_set(IMPORT_KEY)", handle: raw)
            }
        } catch {
            ssh_bind_free(raw)
            throw error
        }
    }

    deinit {
        ssh_bind_free(raw)
    }

    /// Hands an accepted socket to `session`, copying the bind's keys and settings into it.
    func accept(_ fd: Int32, into session: OpaquePointer) throws {
        try lock.withLock { _ in
            try LibSSH.check(ssh_bind_accept_fd(raw, session, fd), "ssh_bind_accept_fd", handle: raw)
        }
    }
}
