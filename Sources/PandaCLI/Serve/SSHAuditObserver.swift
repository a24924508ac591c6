import Foundation
import PandaCore
import PandaSSH
import PandaStore

/// Writes the SSH server's events to the audit log (through the batcher) and to the log.
struct SSHAuditObserver: SSHServerObserver {
    let audit: AuditBatcher
    let clock: any WallClock

    func observe(_ event: SSHServerEvent) {
        let now = clock.now()
        func record(_ account: String?, _ name: String, _ address: String?, _ detail: String = "") {
            audit.append(
                AuditEntry(at: now, account: account, actor: "ssh", event: name, address: address, detail: detail))
        }
        switch event {
        case .connectionOpened(let c):
            record(nil, "connect", c.address, "connection=\(c.id)")
        case .connectionRejected(let address, let reason):
            let text =
                switch reason {
                case .banned(let ban): "banned until \(Timestamp.iso8601(ban.until))"
                case .shuttingDown: "server shutting down"
                }
            record(nil, "connect.rejected", address, "reason=\(Logger.quotedValue(text))")
        case .authenticated(let login):
            record(
                login.account, "login", login.connection.address,
                "connection=\(login.connection.id) key=\(login.key.fingerprint)")
        case .authenticationFailed(let c, let username, let method, let fingerprint, let reason):
            record(
                nil, "login.failed", c.address,
                "connection=\(c.id) user=\(Logger.quotedValue(username)) method=\(method)"
                    + (fingerprint.map { " key=\($0)" } ?? "") + " reason=\(Logger.quotedValue(reason))")
        case .refused(let c, let account, let request):
            record(
                account, "refused", c.address,
                "connection=\(c.id) request=\(Logger.quotedValue(Self.describe(request)))")
        case .banned:
            break  // The ban list writes the ban with its audit line in one transaction.
        case .subsystemOpened:
            break
        case .connectionClosed(let c, let account, let duration, let bytesIn, let bytesOut, let reason):
            record(
                account, "disconnect", c.address,
                "connection=\(c.id) seconds=\(String(format: "%.1f", duration.seconds)) bytes_in=\(bytesIn)"
                    + " bytes_out=\(bytesOut) reason=\(Logger.quotedValue(reason))")
        }
    }

    /// A refused request as an operator reads it in the audit log.
    static func describe(_ request: SSHRefusedRequest) -> String {
        switch request {
        case .exec(let command): "exec \(command.prefix(80))"
        case .shell: "shell"
        case .pty: "pty"
        case .environment(let name): "env \(name)"
        case .x11: "x11 forwarding"
        case .subsystem(let name): "subsystem \(name)"
        case .portForwarding(let kind, let host, let port): "port forwarding \(kind) \(host):\(port)"
        case .channel(let type): "channel \(type)"
        case .unauthenticated: "request before authentication"
        case .channelLimit: "too many channels"
        case .sessionLimit(let account): "session limit of \(account)"
        }
    }
}
