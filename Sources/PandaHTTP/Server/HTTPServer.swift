import PandaCore
import Synchronization

/// The admin HTTP server as a service of `panda serve`: listens on the configured address and hands every
/// request to the handler.
public final class HTTPServer: Service {
    public let name = "http"
    private let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let logger: Logger
    private let daemon = Mutex<MicroHTTPDaemon?>(nil)

    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, logger: Logger) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
    }

    public func start() throws {
        let started = try MicroHTTPDaemon(configuration: configuration, handler: handler)
        daemon.withLock { $0 = started }
        logger.info(
            "http.listening",
            ["address": listeningAddress, "tls": configuration.tls == nil ? "off" : "on"])
    }

    /// The port actually bound (port 0 resolved); 0 before `start`.
    public var port: Int { daemon.withLock { $0?.port ?? 0 } }

    /// `HOST:PORT` (IPv6 in brackets) as announced on standard output.
    public var listeningAddress: String {
        let host = configuration.host
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    public func stop(deadline: Duration) {
        let running = daemon.withLock { daemon in
            defer { daemon = nil }
            return daemon
        }
        running?.stop()
    }
}
