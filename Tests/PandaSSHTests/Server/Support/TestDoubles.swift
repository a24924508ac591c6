import Foundation
import PandaSSH
import Synchronization

/// Accepts keys registered per account (user name = account name), refusing weak keys like the store will.
final class TestAuthenticator: SSHAuthenticator {
    private let keys: [String: Set<String>]
    private let sessionLimits: [String: Int]
    private let requests = Mutex<[SSHAuthRequest]>([])

    init(_ keys: [String: [TestKeys.Key]], sessionLimits: [String: Int] = [:]) {
        self.keys = keys.mapValues { Set($0.map(\.base64)) }
        self.sessionLimits = sessionLimits
    }

    func authenticate(_ request: SSHAuthRequest) -> SSHAuthDecision {
        requests.withLock { $0.append(request) }
        if request.key.type == "ssh-dss" { return .reject(reason: "DSA keys are not accepted") }
        if request.key.type == "ssh-rsa" && request.key.bits < 2048 {
            return .reject(reason: "RSA key of \(request.key.bits) bits")
        }
        guard keys[request.username]?.contains(request.key.base64) == true else {
            return .reject(reason: "unknown key")
        }
        return .accept(account: request.username, maxSessions: sessionLimits[request.username])
    }

    var seen: [SSHAuthRequest] { requests.withLock { $0 } }
}

/// Keeps every event for assertions.
final class RecordingObserver: SSHServerObserver {
    private let storage = Mutex<[SSHServerEvent]>([])

    func observe(_ event: SSHServerEvent) {
        storage.withLock { $0.append(event) }
    }

    var events: [SSHServerEvent] { storage.withLock { $0 } }

    /// Waits until `predicate` holds for the events recorded so far (events of a closing connection arrive
    /// shortly after the client process exits).
    @discardableResult
    func wait(timeout: Duration = .seconds(5), until predicate: ([SSHServerEvent]) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(events) { return true }
            usleep(10_000)
        }
        return predicate(events)
    }

    var refusals: [SSHRefusedRequest] {
        events.compactMap { if case .refused(_, _, let request) = $0 { request } else { nil } }
    }

    var authFailures: [(method: String, reason: String)] {
        events.compactMap {
            if case .authenticationFailed(_, _, let method, _, let reason) = $0 { (method, reason) } else { nil }
        }
    }

    var logins: [SSHLogin] {
        events.compactMap { if case .authenticated(let login) = $0 { login } else { nil } }
    }

    var closeReasons: [String] {
        events.compactMap { if case .connectionClosed(_, _, _, _, _, let reason) = $0 { reason } else { nil } }
    }
}

/// Answers just enough SFTP for OpenSSH's `sftp` to connect and run `pwd`: INIT → VERSION 3,
/// REALPATH → `/`, anything else → OP_UNSUPPORTED. Proves bytes flow both ways through the channel.
final class MiniSFTPHandler: SSHSubsystemHandler {
    private let writer: SSHChannelWriter
    private var pending: [UInt8] = []
    private let onClose: @Sendable () -> Void

    init(writer: SSHChannelWriter, onClose: @escaping @Sendable () -> Void = {}) {
        self.writer = writer
        self.onClose = onClose
    }

    func received(_ bytes: UnsafeRawBufferPointer) throws {
        pending += bytes
        while pending.count >= 4 {
            let length = Int(pending[0]) << 24 | Int(pending[1]) << 16 | Int(pending[2]) << 8 | Int(pending[3])
            guard pending.count >= 4 + length else { return }
            let packet = Array(pending[4..<4 + length])
            pending.removeFirst(4 + length)
            try answer(packet)
        }
    }

    func closed() {
        onClose()
    }

    private func answer(_ packet: [UInt8]) throws {
        guard let type = packet.first else { throw SFTPViolation() }
        var reply: [UInt8] = []
        func u32(_ value: Int) {
            reply += [
                UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff),
            ]
        }
        func string(_ text: String) {
            u32(text.utf8.count)
            reply += Array(text.utf8)
        }
        let id = packet.count >= 5 ? Array(packet[1..<5]) : [0, 0, 0, 0]
        switch type {
        case 1:  // INIT
            reply = [2, 0, 0, 0, 3]
        case 16:  // REALPATH
            reply = [104] + id
            u32(1)
            string("/")
            string("/")
            u32(0)  // no attributes
        default:
            reply = [101] + id
            u32(8)  // SSH_FX_OP_UNSUPPORTED
            string("unsupported")
            string("")
        }
        let framed =
            [
                UInt8(reply.count >> 24 & 0xff), UInt8(reply.count >> 16 & 0xff), UInt8(reply.count >> 8 & 0xff),
                UInt8(reply.count & 0xff),
            ] + reply
        try framed.withUnsafeBytes { try writer.write($0) }
    }

    struct SFTPViolation: Error {}
}

/// Sends every byte back: with a large input this exercises both channel windows.
final class EchoHandler: SSHSubsystemHandler {
    private let writer: SSHChannelWriter

    init(writer: SSHChannelWriter) {
        self.writer = writer
    }

    func received(_ bytes: UnsafeRawBufferPointer) throws {
        try writer.write(bytes)
    }

    func closed() {}
}
