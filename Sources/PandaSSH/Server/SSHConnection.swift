import CLibSSH
import Foundation
import PandaCore

/// One client connection, served from accept to close on its own thread.
///
/// Every libssh handle here (session, event, channels) is created, used and freed on that thread only;
/// libssh calls back into this object (through `Unmanaged` user data) on the same thread while it
/// processes packets. Other threads reach the connection only through its `ConnectionControl`.
final class SSHConnection {
    let context: SSHServerContext
    let control: ConnectionControl
    let logger: Logger
    var info: SSHConnectionInfo { control.info }

    private let acceptedAt = ContinuousClock.now
    let graceDeadline: ContinuousClock.Instant

    private(set) var session: OpaquePointer?
    private var event: OpaquePointer?
    private var wakeRegistered = false
    /// Callback tables libssh keeps pointers to; they live exactly as long as this connection.
    let serverCallbacks = UnsafeMutablePointer<ssh_server_callbacks_struct>.allocate(capacity: 1)
    let channelCallbacks = UnsafeMutablePointer<ssh_channel_callbacks_struct>.allocate(capacity: 1)

    /// Set only after the server verified a signature and the authenticator accepted it (never because
    /// of anything the client claims); checked again before any channel or subsystem is opened.
    var login: SSHLogin?
    var failedAttempts = 0
    var graceExceeded = false
    /// The last libssh error text already answered (see `answerDroppedSignature`).
    var answeredLibSSHError: String?
    /// The user name and key of the last `publickey` probe, to name them when libssh drops the signed request.
    var lastProbe: (username: String, fingerprint: String)?
    /// When set, the event loop ends and the client is disconnected with this message.
    var closeReason: String?
    var channels: [SSHChannelRecord] = []
    var bytesIn: UInt64 = 0
    var bytesOut: UInt64 = 0
    var lastActivity = ContinuousClock.now
    /// One reusable read buffer, allocated when the first subsystem starts.
    var readBuffer: UnsafeMutableRawBufferPointer?
    /// Also the channel's receive window: libssh grows the window to the size of a read request, so a
    /// 2 MiB buffer lets a client keep 2 MiB in flight (as OpenSSH's sshd does) instead of libssh's fixed
    /// 1.25 MB. Pages a session never fills are never touched, so idle sessions stay small.
    static let readBufferSize = 2 * 1024 * 1024

    init(context: SSHServerContext, control: ConnectionControl) {
        self.context = context
        self.control = control
        self.logger = context.logger.with([
            "conn": String(control.info.id), "addr": control.info.address, "port": String(control.info.port),
        ])
        self.graceDeadline = acceptedAt + context.limits.loginGraceTime
    }

    deinit {
        serverCallbacks.deallocate()
        channelCallbacks.deallocate()
        readBuffer?.deallocate()
    }

    /// Serves the connection until it ends; never throws, every outcome is logged and observed.
    func run() {
        if let ban = context.banList.activeBan(for: info.address, at: context.clock.now()) {
            context.limiter.unregister(info.id)
            close(control.socket)
            control.wake.close()
            logger.debug("rejected", ["reason": "banned", "until": Timestamp.iso8601(ban.until)])
            context.emit(.connectionRejected(address: info.address, reason: .banned(ban)))
            return
        }
        context.emit(.connectionOpened(info))
        logger.info("connection_opened")
        withExtendedLifetime(self) {
            do {
                try setUp()
                try exchangeKeys()
                try serve()
            } catch {
                if closeReason == nil { closeReason = "\(error)" }
            }
            tearDown()
        }
    }

    var userdata: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    private func setUp() throws {
        let session = try LibSSH.checkNotNull(ssh_new(), "ssh_new")
        self.session = session
        do {
            try context.bind.accept(control.socket, into: session)
        } catch {
            // Before libssh adopted the socket, closing it is still our job.
            if ssh_get_fd(session) != control.socket { close(control.socket) }
            throw error
        }
        try SSHAlgorithms.apply(toSession: session)
        try setTimeout(context.limits.loginGraceTime)
        installCallbacks(on: session)
        ssh_set_auth_methods(session, Int32(SSH_AUTH_METHOD_PUBLICKEY))
    }

    /// Bounds every blocking libssh wait (key exchange, a write waiting for the client's window).
    func setTimeout(_ duration: Duration) throws {
        guard let session else { return }
        var seconds = max(1, Int(duration.timeIntervalValue.rounded(.up)))
        try LibSSH.check(ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &seconds), "ssh_options_set(TIMEOUT)")
    }

    private func exchangeKeys() throws {
        guard let session else { return }
        let rc = ssh_handle_key_exchange(session)
        guard rc == SSH_OK else {
            if ContinuousClock.now >= graceDeadline {
                graceExceeded = true
                closeReason = "login grace time exceeded"
            } else {
                closeReason = "key exchange failed: \(LibSSH.errorMessage(session, rc: rc))"
            }
            throw SSHServerError.libssh(call: "ssh_handle_key_exchange", message: closeReason ?? "")
        }
    }

    /// The event loop: authentication, channel requests and channel data, until something ends it.
    private func serve() throws {
        guard let session else { return }
        let event = try LibSSH.checkNotNull(ssh_event_new(), "ssh_event_new")
        self.event = event
        try LibSSH.check(ssh_event_add_session(event, session), "ssh_event_add_session", handle: session)
        try LibSSH.check(
            ssh_event_add_fd(event, control.wake.fd, Int16(POLLIN), wakeCallback, userdata), "ssh_event_add_fd")
        wakeRegistered = true

        while closeReason == nil {
            if control.stopRequested {
                closeReason = "server shutting down"
                break
            }
            let now = ContinuousClock.now
            let deadline = login == nil ? graceDeadline : lastActivity + context.limits.idleTimeout
            if now >= deadline {
                graceExceeded = login == nil
                closeReason = login == nil ? "login grace time exceeded" : "idle timeout"
                break
            }
            let rc = ssh_event_dopoll(event, (deadline - now).pollMilliseconds)
            if !isConnected {
                closeReason = "client disconnected"
                break
            }
            if rc == SSH_ERROR {
                closeReason = "connection error: \(LibSSH.errorMessage(session, rc: rc))"
                break
            }
            if login == nil { answerDroppedSignature(session) }
            pumpChannels()
        }
    }

    var isConnected: Bool {
        guard let session else { return false }
        return ssh_get_status(session) & Int32(SSH_CLOSED | SSH_CLOSED_ERROR) == 0
    }

    private func tearDown() {
        finishAllChannels()
        // Unregister before libssh closes the socket, so `stop()` can never shut down a reused descriptor.
        context.limiter.unregister(info.id)
        if let event {
            if wakeRegistered { ssh_event_remove_fd(event, control.wake.fd) }
            if let session { ssh_event_remove_session(event, session) }
            ssh_event_free(event)
            self.event = nil
        }
        if let session {
            if isConnected {
                disconnect(session)
            }
            ssh_free(session)
            self.session = nil
        }
        control.wake.close()

        let reason = closeReason ?? "closed"
        if login == nil && (failedAttempts > 0 || graceExceeded) {
            recordFailedLogin()
        }
        let duration = ContinuousClock.now - acceptedAt
        logger.info(
            "connection_closed",
            [
                "account": login?.account ?? "-", "reason": reason,
                "duration_ms": String(Int(duration.timeIntervalValue * 1000)),
                "bytes_in": String(bytesIn), "bytes_out": String(bytesOut),
            ])
        context.emit(
            .connectionClosed(
                info, account: login?.account, duration: duration, bytesIn: bytesIn, bytesOut: bytesOut,
                reason: reason))
    }

    /// Sends SSH_MSG_DISCONNECT with `closeReason` and closes the socket so the client reads the message.
    ///
    /// libssh writes a packet straight away only if a poll reported the socket writable since its last write;
    /// otherwise it queues it and `ssh_disconnect` would close the socket with the message still queued.
    /// And closing a socket that holds unread client data makes the kernel send RST, which can discard the
    /// message at the client. So: mark the socket writable, keep a duplicate descriptor while libssh closes
    /// its own, then half-close and drain briefly until the client hangs up.
    private func disconnect(_ session: OpaquePointer) {
        ssh_session_set_disconnect_message(session, closeReason ?? "bye")
        let linger = dup(control.socket)
        ssh_set_fd_towrite(session)
        ssh_disconnect(session)
        guard linger >= 0 else { return }
        defer { close(linger) }
        shutdown(linger, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        let deadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: linger, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, (deadline - ContinuousClock.now).pollMilliseconds) > 0 else { return }
            guard recv(linger, &scratch, scratch.count, Int32(MSG_DONTWAIT)) > 0 else { return }
        }
    }

    private func recordFailedLogin() {
        guard let ban = context.banList.recordFailure(from: info.address, at: context.clock.now()) else { return }
        logger.warning("banned", ["until": Timestamp.iso8601(ban.until), "ban_count": String(ban.count)])
        context.emit(.banned(ban))
    }

    /// Records a refusal in the log and for the observer.
    func refuse(_ request: SSHRefusedRequest) {
        logger.info("refused", ["account": login?.account ?? "-", "request": request.logValue])
        context.emit(.refused(info, account: login?.account, request: request))
    }
}

extension SSHRefusedRequest {
    /// A short `key=value`-safe description (never a full command line).
    var logValue: String {
        switch self {
        case .exec(let command): "exec:\(command.prefix(80))"
        case .shell: "shell"
        case .pty: "pty"
        case .environment(let name): "env:\(name.prefix(40))"
        case .x11: "x11"
        case .subsystem(let name): "subsystem:\(name.prefix(40))"
        case .portForwarding(let kind, let host, let port): "\(kind):\(host.prefix(60)):\(port)"
        case .channel(let type): "channel:\(type.prefix(40))"
        case .unauthenticated: "unauthenticated"
        case .channelLimit: "channel_limit"
        case .sessionLimit(let account): "session_limit:\(account)"
        }
    }
}
