import Foundation
import Synchronization

/// What other threads may do to a running connection: ask it to finish, or cut its socket.
final class ConnectionControl: Sendable {
    let info: SSHConnectionInfo
    let socket: Int32
    /// Wakes the connection's event loop (it polls this descriptor alongside the socket).
    let wake: WakeSignal
    private let stopRequestedFlag = Atomic<Bool>(false)

    init(info: SSHConnectionInfo, socket: Int32, wake: WakeSignal) {
        self.info = info
        self.socket = socket
        self.wake = wake
    }

    var stopRequested: Bool { stopRequestedFlag.load(ordering: .acquiring) }

    func requestStop() {
        stopRequestedFlag.store(true, ordering: .releasing)
        wake.signal()
    }
}

/// Counts connections by stage and enforces the connection and session limits of `SSHServerLimits`.
///
/// Sockets are shut down only under this lock and only for registered connections, and a connection
/// unregisters before libssh closes its socket, so `shutdown` never hits a reused descriptor.
final class LoginLimiter: Sendable {
    enum Promotion: Equatable {
        case admitted
        case accountFull
        case serverFull
    }

    private struct Entry {
        let control: ConnectionControl
        var account: String?
    }

    private struct State {
        var connections: [UInt64: Entry] = [:]
        var unauthenticated = 0
        var authenticated = 0
        var perAccount: [String: Int] = [:]
        var stopping = false
    }

    private let limits: SSHServerLimits
    private let state = Mutex(State())
    /// Signalled when an unauthenticated slot frees up while the accept thread waits for one.
    private let acceptWake: WakeSignal

    init(limits: SSHServerLimits, acceptWake: WakeSignal) {
        self.limits = limits
        self.acceptWake = acceptWake
    }

    var hasUnauthenticatedCapacity: Bool {
        state.withLock { $0.unauthenticated < limits.maxUnauthenticatedConnections }
    }

    var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Registers a new, unauthenticated connection; false once the server is stopping.
    func register(_ control: ConnectionControl) -> Bool {
        state.withLock { state in
            guard !state.stopping else { return false }
            state.connections[control.info.id] = Entry(control: control)
            state.unauthenticated += 1
            return true
        }
    }

    /// Moves a connection to the authenticated stage if the account (`limit`, or the configured
    /// per-account limit) and the server have room.
    func promote(_ id: UInt64, account: String, limit: Int? = nil) -> Promotion {
        let accountLimit = limit ?? limits.maxSessionsPerAccount
        let result: Promotion = state.withLock { state in
            guard var entry = state.connections[id], entry.account == nil else { return .serverFull }
            guard state.authenticated < limits.maxSessions else { return .serverFull }
            guard state.perAccount[account, default: 0] < accountLimit else { return .accountFull }
            entry.account = account
            state.connections[id] = entry
            state.perAccount[account, default: 0] += 1
            state.authenticated += 1
            state.unauthenticated -= 1
            return .admitted
        }
        if result == .admitted { acceptWake.signal() }
        return result
    }

    /// Forgets a connection; call before its socket is closed.
    func unregister(_ id: UInt64) {
        let freedSlot: Bool = state.withLock { state in
            guard let entry = state.connections.removeValue(forKey: id) else { return false }
            guard let account = entry.account else {
                state.unauthenticated -= 1
                return true
            }
            state.authenticated -= 1
            let remaining = state.perAccount[account, default: 1] - 1
            state.perAccount[account] = remaining > 0 ? remaining : nil
            return false
        }
        if freedSlot { acceptWake.signal() }
    }

    /// Refuses new registrations; asks authenticated connections to finish their channels and cuts the
    /// sockets of unauthenticated ones, which have nothing worth finishing.
    func beginStop() {
        state.withLock { state in
            state.stopping = true
            for entry in state.connections.values {
                if entry.account == nil {
                    shutdown(entry.control.socket, Int32(SHUT_RDWR))
                } else {
                    entry.control.requestStop()
                }
            }
        }
    }

    /// Cuts the sockets of every connection still registered (after the shutdown grace period).
    func cutAll() {
        state.withLock { state in
            for entry in state.connections.values {
                shutdown(entry.control.socket, Int32(SHUT_RDWR))
            }
        }
    }
}
