import CMicroHTTPD
import Foundation
import PandaCore
import Synchronization

/// The only code that calls libmicrohttpd: starts a daemon on an address, turns each request into an
/// `HTTPRequest`, hands it to the handler and queues the `HTTPResponse` it returns.
///
/// One worker thread per core (libmicrohttpd's thread pool with epoll), each serving its share of the
/// connections and running their handlers. One thread per connection, tried first, spent the time of 200
/// busy clients in context switches and in opening SQLite readers for 200 concurrent requests: the pool
/// serves three to five times as many requests with a 95th percentile under a fifth. A request that may
/// wait (`HTTPHandler.mayWait`: an operator's change waiting for the database's writer during a large
/// import) is handled on a thread of its own while its connection is suspended, so it never holds up the
/// other connections of its worker.
/// Bodies are collected up to the configured size; a larger one is answered with 413 and not passed on.
final class MicroHTTPDaemon: @unchecked Sendable {
    // @unchecked: `daemon` is written once in init and read under `stopped` in stop.
    private let daemon: OpaquePointer
    private let context: Unmanaged<DaemonContext>
    private let stopped = Mutex(false)
    /// The port actually bound (port 0 resolved).
    let port: Int

    init(configuration: HTTPServerConfiguration, handler: any HTTPHandler) throws(HTTPServerError) {
        let context = Unmanaged.passRetained(
            DaemonContext(handler: handler, maximumBodySize: configuration.maximumBodySize))
        let started: OpaquePointer?? = SocketAddress.withSockaddr(host: configuration.host, port: configuration.port) {
            address in
            panda_mhd_start(
                panda_mhd_worker_pool_flags(), UInt32(configuration.workerThreads), address, accessHandler,
                context.toOpaque(),
                requestCompleted, context.toOpaque(), UInt32(configuration.connectionLimit),
                UInt32(configuration.idleTimeoutSeconds), 1024, configuration.tls?.keyPEM,
                configuration.tls?.certificatePEM)
        }
        guard let result = started else {
            context.release()
            throw .invalidAddress(configuration.host)
        }
        guard let daemon = result else {
            context.release()
            throw .cannotListen(host: configuration.host, port: configuration.port)
        }
        self.daemon = daemon
        self.context = context
        port = Int(panda_mhd_bound_port(daemon))
    }

    deinit { stop() }

    /// Closes the listener and every connection. Handlers running on a worker are waited for; a request
    /// waiting on its own thread is answered 503 at once (its handler finishes unobserved). Idempotent.
    func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // libmicrohttpd must not be stopped with a connection suspended: answer them, and give their
        // workers a moment to send the answer.
        let waiting = context.takeUnretainedValue().waiting
        waiting.close(answeringWith: shuttingDownResponse)
        _ = waiting.waitUntilEmpty(timeout: .seconds(2))
        MHD_stop_daemon(daemon)
        context.release()
    }
}

/// What every request callback of one daemon shares.
private final class DaemonContext: Sendable {
    let handler: any HTTPHandler
    let maximumBodySize: Int
    let waiting = WaitingRequests()

    init(handler: any HTTPHandler, maximumBodySize: Int) {
        self.handler = handler
        self.maximumBodySize = maximumBodySize
    }
}

/// One request's body as it arrives; owned by the connection's thread between the first and last callback.
private final class RequestBody {
    var bytes: [UInt8] = []
    var tooLarge = false
    /// Set while the request is handled on a thread of its own.
    var waiting: WaitingRequest?
}

/// libmicrohttpd calls this once when the headers are in, once per chunk of the body, and once more when the
/// body is complete (`upload_data_size` 0): only then is the handler run.
private func accessHandler(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let url, let method, let uploadDataSize, let requestContext else {
        return MHD_Result.NO
    }
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    guard let stored = requestContext.pointee else {
        let body = RequestBody()
        requestContext.pointee = Unmanaged.passRetained(body).toOpaque()
        if let length = ConnectionValues.lookup(connection, .HEADER_KIND, "Content-Length").flatMap(Int.init),
            length > context.maximumBodySize
        {
            // Answer at once rather than reading a body that will be refused anyway.
            return queue(tooLargeResponse(context.maximumBodySize), on: connection)
        }
        return MHD_Result.YES
    }
    let body = Unmanaged<RequestBody>.fromOpaque(stored).takeUnretainedValue()
    let size = uploadDataSize.pointee
    if size > 0 {
        if !body.tooLarge, let uploadData {
            if body.bytes.count + size > context.maximumBodySize {
                body.tooLarge = true
                body.bytes = []
            } else {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) {
                    body.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
                }
            }
        }
        uploadDataSize.pointee = 0
        return MHD_Result.YES
    }
    if body.tooLarge { return queue(tooLargeResponse(context.maximumBodySize), on: connection) }
    if let waiting = body.waiting {
        // Called again after the connection was resumed: the answer is ready.
        guard let response = waiting.takeResponse() else { return MHD_Result.YES }
        context.waiting.remove(waiting)
        body.waiting = nil
        return queue(response, on: connection)
    }
    let request = HTTPRequest(
        method: String(cString: method), path: String(cString: url),
        query: ConnectionValues.all(connection, .GET_ARGUMENT_KIND),
        headers: ConnectionValues.all(connection, .HEADER_KIND),
        cookies: ConnectionValues.all(connection, .COOKIE_KIND), body: body.bytes,
        clientAddress: ConnectionValues.clientAddress(connection))
    guard context.handler.mayWait(request) else {
        return queue(context.handler.respond(to: request), on: connection)
    }
    return handOff(request, connection: connection, body: body, context: context)
}

/// Suspends the connection and runs the handler on a thread of its own; the connection is resumed (and
/// `accessHandler` called once more to send the answer) when the handler returns.
private func handOff(
    _ request: HTTPRequest, connection: OpaquePointer, body: RequestBody, context: DaemonContext
) -> MHD_Result {
    let address = UInt(bitPattern: connection)
    let waiting = WaitingRequest(resume: { MHD_resume_connection(OpaquePointer(bitPattern: address)) })
    guard context.waiting.add(waiting) else { return queue(shuttingDownResponse, on: connection) }
    body.waiting = waiting
    MHD_suspend_connection(connection)
    // A thread of its own rather than Dispatch's shared pool: that pool grows only slowly past the number of
    // cores when its threads block (three waiting changes took 5 s to start on 2 cores), and such requests
    // are few (operators' changes).
    let thread = Thread { waiting.answer(context.handler.respond(to: request)) }
    thread.name = "http-waiting"
    thread.start()
    return MHD_Result.YES
}

/// Releases the request's body buffer once libmicrohttpd is done with the request.
private func requestCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ termination: MHD_RequestTerminationCode
) {
    guard let requestContext, let stored = requestContext.pointee else { return }
    let body = Unmanaged<RequestBody>.fromOpaque(stored)
    if let cls, let waiting = body.takeUnretainedValue().waiting {
        Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue().waiting.remove(waiting)
    }
    body.release()
    requestContext.pointee = nil
}

private let shuttingDownResponse = APIError(
    status: 503, code: "shutting_down", message: "the server is shutting down; try again in a moment"
).response

private func tooLargeResponse(_ limit: Int) -> HTTPResponse {
    APIError(
        status: 413, code: "body_too_large", message: "the request body is larger than \(limit) bytes"
    ).response
}

/// Copies `response` into a libmicrohttpd response and queues it on the connection.
private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    var bytes = response.body
    let count = bytes.count
    if bytes.isEmpty { bytes = [0] }  // a valid pointer for an empty body; the size says 0
    let created = bytes.withUnsafeMutableBytes {
        MHD_create_response_from_buffer(count, $0.baseAddress, .RESPMEM_MUST_COPY)
    }
    guard let created else { return MHD_Result.NO }
    defer { MHD_destroy_response(created) }
    for (name, value) in response.headers {
        _ = MHD_add_response_header(created, name, value)
    }
    return MHD_queue_response(connection, UInt32(response.status), created)
}

/// Reading a connection's headers, cookies and query arguments.
private enum ConnectionValues {
    final class Collected {
        var values: [String: String] = [:]
    }

    static func all(_ connection: OpaquePointer, _ kind: MHD_ValueKind) -> [String: String] {
        let collected = Collected()
        _ = MHD_get_connection_values(
            connection, kind,
            { cls, _, key, value in
                guard let cls, let key else { return MHD_Result.YES }
                let collected = Unmanaged<Collected>.fromOpaque(cls).takeUnretainedValue()
                collected.values[String(cString: key)] = value.map { String(cString: $0) } ?? ""
                return MHD_Result.YES
            }, Unmanaged.passUnretained(collected).toOpaque())
        return collected.values
    }

    static func lookup(_ connection: OpaquePointer, _ kind: MHD_ValueKind, _ key: String) -> String? {
        MHD_lookup_connection_value(connection, kind, key).map { String(cString: $0) }
    }

    static func clientAddress(_ connection: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let status = panda_mhd_client_address(connection, &buffer, socklen_t(buffer.count))
        guard status == 0 else { return "unknown" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// Numeric IPv4 and IPv6 addresses as `sockaddr` structures.
enum SocketAddress {
    static func isNumeric(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Calls `body` with the address of `host:port`; nil (without calling it) when `host` is not numeric.
    static func withSockaddr<T>(host: String, port: Int, _ body: (UnsafePointer<sockaddr>) -> T) -> T? {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            return withUnsafePointer(to: &v4) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            return withUnsafePointer(to: &v6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        }
        return nil
    }
}
