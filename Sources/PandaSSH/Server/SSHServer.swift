import Dispatch
import Foundation
import PandaCore
import Synchronization

/// Panda's SSH server: key-only logins, the `sftp` subsystem only, limits and bans; one thread per connection.
///
/// ```swift
/// let server = SSHServer(configuration: config, authenticator: store, subsystem: { login, writer in
///     SFTPChannel(session: …, writer: writer)
/// })
/// try server.start()
/// print(server.boundPort!)
/// server.stop()
/// ```
public final class SSHServer: Sendable {
    private struct Running {
        let context: SSHServerContext
        let listener: ListeningSocket
        let acceptWake: WakeSignal
        let acceptDone: DispatchSemaphore
        let hostKeys: [SSHHostKeyInfo]
    }

    private enum Stage {
        case idle
        case running(Running)
        case stopped
    }

    private let configuration: SSHServerConfiguration
    private let authenticator: any SSHAuthenticator
    private let subsystemFactory: SSHSubsystemFactory
    private let banList: any SSHBanList
    private let observer: (any SSHServerObserver)?
    private let logger: Logger
    private let clock: any WallClock
    private let stage = Mutex(Stage.idle)
    private let stopping = Atomic<Bool>(false)
    private let connectionThreads = DispatchGroup()
    private let nextConnectionID = Atomic<UInt64>(0)

    /// - Parameters:
    ///   - authenticator: decides which key logs into which account.
    ///   - subsystem: creates the handler of each `sftp` channel.
    ///   - banList: per-address failure bans (the executable's is backed by the database).
    ///   - observer: receives audit events.
    public init(
        configuration: SSHServerConfiguration, authenticator: any SSHAuthenticator,
        banList: any SSHBanList = InMemoryBanList(), observer: (any SSHServerObserver)? = nil,
        logger: Logger = Logger(component: "ssh"), clock: any WallClock = SystemClock(),
        subsystem: @escaping SSHSubsystemFactory
    ) {
        self.configuration = configuration
        self.authenticator = authenticator
        self.subsystemFactory = subsystem
        self.banList = banList
        self.observer = observer
        self.logger = logger
        self.clock = clock
    }

    /// Loads (or generates) the host keys, binds the port and starts accepting connections.
    public func start() throws {
        try stage.withLock { stage in
            guard case .idle = stage else { throw SSHServerError.alreadyStarted }
            let loaded = try HostKeyStore(directory: configuration.hostKeyDirectory).loadOrCreate()
            let bind = try BindHandle(hostKeys: loaded.map(\.key))
            let listener = try ListeningSocket(
                host: configuration.host, port: configuration.port, backlog: configuration.listenBacklog)
            let acceptWake: WakeSignal
            do {
                acceptWake = try WakeSignal()
            } catch {
                listener.close()
                throw error
            }
            let context = SSHServerContext(
                configuration: configuration, authenticator: authenticator, subsystemFactory: subsystemFactory,
                banList: banList, observer: observer, logger: logger, clock: clock,
                limiter: LoginLimiter(limits: configuration.limits, acceptWake: acceptWake), bind: bind)
            let running = Running(
                context: context, listener: listener, acceptWake: acceptWake, acceptDone: DispatchSemaphore(value: 0),
                hostKeys: loaded.map(\.info))
            stage = .running(running)
            let thread = Thread { [self] in
                acceptLoop(running)
                running.acceptDone.signal()
            }
            thread.name = "ssh-accept"
            thread.start()
            logger.info(
                "listening",
                [
                    "host": configuration.host, "port": String(listener.port),
                    "host_keys": loaded.map { "\($0.info.type.rawValue):\($0.info.fingerprint)" }.joined(
                        separator: ","),
                ])
        }
    }

    /// The TCP port actually bound (the chosen one when configured with port 0); nil unless running.
    public var boundPort: Int? {
        stage.withLock { stage in
            guard case .running(let running) = stage else { return nil }
            return running.listener.port
        }
    }

    /// The host keys in use; empty unless running.
    public var hostKeys: [SSHHostKeyInfo] {
        stage.withLock { stage in
            guard case .running(let running) = stage else { return [] }
            return running.hostKeys
        }
    }

    /// Connections currently open (being set up or logged in).
    public var connectionCount: Int {
        stage.withLock { stage in
            guard case .running(let running) = stage else { return 0 }
            return running.context.limiter.connectionCount
        }
    }

    /// Stops accepting, lets logged-in sessions close their channels and disconnect, and cuts whatever is
    /// left after `gracePeriod` (default: the configuration's `shutdownGracePeriod`). Blocks until done
    /// (at most about `gracePeriod` + 2 s); safe to call more than once. Do not call it from an observer or
    /// handler: it waits for the connection threads those run on.
    public func stop(gracePeriod: Duration? = nil) {
        let running: Running? = stage.withLock { stage in
            guard case .running(let running) = stage else {
                stage = .stopped
                return nil
            }
            stage = .stopped
            return running
        }
        guard let running else { return }
        logger.info("stopping", ["connections": String(running.context.limiter.connectionCount)])
        stopping.store(true, ordering: .releasing)
        running.acceptWake.signal()
        running.acceptDone.wait()
        running.listener.close()

        running.context.limiter.beginStop()
        let grace = (gracePeriod ?? configuration.shutdownGracePeriod).timeIntervalValue
        if connectionThreads.wait(timeout: .now() + grace) == .timedOut {
            logger.warning("stop_forced", ["connections": String(running.context.limiter.connectionCount)])
            running.context.limiter.cutAll()
            _ = connectionThreads.wait(timeout: .now() + 2)
        }
        running.acceptWake.close()
        logger.info("stopped")
    }

    /// Runs until the task is cancelled, then stops (for the service group that handles signals).
    public func run() async throws {
        try start()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
        stop()
    }

    /// Accepts connections while there is room for another unauthenticated one; otherwise leaves them in
    /// the kernel's listen queue until a login finishes (the "queue" half of MaxStartups).
    private func acceptLoop(_ running: Running) {
        let limiter = running.context.limiter
        while !stopping.load(ordering: .acquiring) {
            let canAccept = limiter.hasUnauthenticatedCapacity
            var fds = [pollfd(fd: running.acceptWake.fd, events: Int16(POLLIN), revents: 0)]
            if canAccept {
                fds.append(pollfd(fd: running.listener.fd, events: Int16(POLLIN), revents: 0))
            }
            let rc = poll(&fds, nfds_t(fds.count), -1)
            if rc < 0 && errno != EINTR {
                logger.error("accept_poll_failed", ["error": String(cString: strerror(errno))])
                return
            }
            if fds[0].revents != 0 { running.acceptWake.drain() }
            guard canAccept, fds.count > 1, fds[1].revents != 0 else { continue }
            acceptPending(running)
        }
    }

    private func acceptPending(_ running: Running) {
        while !stopping.load(ordering: .acquiring) && running.context.limiter.hasUnauthenticatedCapacity {
            switch running.listener.accept() {
            case .accepted(let socket):
                spawnConnection(socket, context: running.context)
            case .none:
                return
            case .exhausted(let error):
                // The listener stays readable, so without a pause the loop would spin at full CPU.
                logger.error("accept_failed", ["error": String(cString: strerror(error))])
                usleep(100_000)
                return
            }
        }
    }

    private func spawnConnection(_ socket: AcceptedSocket, context: SSHServerContext) {
        let id = nextConnectionID.add(1, ordering: .relaxed).newValue
        let info = SSHConnectionInfo(id: id, address: socket.address, port: socket.port)
        guard let wake = try? WakeSignal() else {
            logger.error("rejected", ["addr": socket.address, "reason": "out of file descriptors"])
            close(socket.fd)
            return
        }
        let control = ConnectionControl(info: info, socket: socket.fd, wake: wake)
        guard context.limiter.register(control) else {
            close(socket.fd)
            wake.close()
            context.emit(.connectionRejected(address: socket.address, reason: .shuttingDown))
            return
        }
        connectionThreads.enter()
        let thread = Thread { [connectionThreads] in
            SSHConnection(context: context, control: control).run()
            connectionThreads.leave()
        }
        thread.name = "ssh-conn-\(id)"
        // Generous for libssh, OpenSSL and the SFTP engine (debug builds use deep stacks); only touched pages
        // count against RSS (500 idle sessions: about 30 MiB in total).
        thread.stackSize = 4 << 20
        thread.start()
    }
}
