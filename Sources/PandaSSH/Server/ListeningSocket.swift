import CLibSSH
import Foundation

/// A TCP connection just accepted, before libssh sees it.
struct AcceptedSocket: Sendable {
    let fd: Int32
    let address: String
    let port: Int
}

/// The server's listening TCP socket. We accept ourselves (rather than `ssh_bind_accept`) so that banned
/// addresses and the unauthenticated-connection cap are handled before libssh spends any work on a client.
final class ListeningSocket: Sendable {
    let fd: Int32
    /// The bound port (the chosen one when the configuration said 0).
    let port: Int
    static let sendTimeoutSeconds = 60

    init(host: String, port: Int, backlog: Int) throws {
        func failure(_ what: String) -> SSHServerError {
            .listen(host: host, port: port, reason: "\(what): \(String(cString: strerror(errno)))")
        }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &results)
        guard rc == 0, let info = results?.pointee else {
            throw SSHServerError.listen(host: host, port: port, reason: String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(results) }

        let fd = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket") }
        var one: Int32 = 1
        var zero: Int32 = 0
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if info.ai_family == AF_INET6 {
            // "::" serves IPv4 too; addresses then arrive as ::ffff:a.b.c.d and are normalised on accept.
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
        }
        guard bind(fd, info.ai_addr, info.ai_addrlen) == 0 else {
            let error = failure("bind")
            Foundation.close(fd)
            throw error
        }
        guard listen(fd, Int32(clamping: backlog)) == 0 else {
            let error = failure("listen")
            Foundation.close(fd)
            throw error
        }
        // Non-blocking so that a connection reset between poll and accept cannot stall the accept thread.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)

        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let error = failure("getsockname")
            Foundation.close(fd)
            throw error
        }
        self.fd = fd
        self.port = Self.describe(&storage, length: length).port
    }

    /// What one `accept` call produced.
    enum Acceptance {
        case accepted(AcceptedSocket)
        /// Nothing pending (or the client gave up before we got to it).
        case none
        /// The process or system is out of descriptors or memory; retrying at once would spin.
        case exhausted(errno: Int32)
    }

    /// Accepts one pending connection.
    func accept() -> Acceptance {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                panda_ssh_accept(fd, $0, &length)
            }
        }
        guard client >= 0 else {
            let error = errno
            return [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error) ? .exhausted(errno: error) : .none
        }
        // Without TCP_NODELAY small SFTP status and window-adjust packets meet Nagle + delayed ACK and
        // uploads drop to a fraction of the link speed (see notes/libssh.md).
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &one, socklen_t(MemoryLayout<Int32>.size))
        // libssh uses the socket in blocking mode; without a send timeout a client that stops reading (zero
        // TCP window) could park this connection's thread in send() for good. A send that makes no progress
        // for this long fails, and libssh closes the session.
        var sendTimeout = timeval(tv_sec: Self.sendTimeoutSeconds, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        let peer = Self.describe(&storage, length: length)
        return .accepted(AcceptedSocket(fd: client, address: peer.address, port: peer.port))
    }

    func close() {
        _ = Foundation.close(fd)
    }

    /// Numeric address and port; IPv4-mapped IPv6 addresses are shown as plain IPv4.
    static func describe(_ storage: inout sockaddr_storage, length: socklen_t) -> (address: String, port: Int) {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let rc = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo(
                    $0, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                    NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard rc == 0 else { return ("unknown", 0) }
        var address = Self.string(host)
        if address.hasPrefix("::ffff:") && address.contains(".") {
            address.removeFirst(7)
        }
        return (address, Int(Self.string(service)) ?? 0)
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
