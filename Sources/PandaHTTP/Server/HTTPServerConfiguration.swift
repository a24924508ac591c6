import Foundation

/// Where and how the admin HTTP server listens.
public struct HTTPServerConfiguration: Sendable {
    /// An IPv4 or IPv6 address (not a host name): 127.0.0.1 unless the operator chose otherwise.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// PEM certificate chain and private key for HTTPS; both or neither.
    public var tls: TLSFiles?
    /// Request bodies larger than this are refused with 413 (the API takes small JSON documents).
    public var maximumBodySize: Int
    /// Connections served at once; more wait in the kernel's queue.
    public var connectionLimit: Int
    /// An idle connection is closed after this many seconds.
    public var idleTimeoutSeconds: Int
    /// Threads serving connections: one per core (at least 2). With more threads than cores, connections
    /// whose thread was waiting for a core made the 95th percentile two to four times the median
    /// (`benchmarks/http-load`, docs/performance.md).
    public var workerThreads: Int

    /// The PEM text of a certificate chain and its key.
    public struct TLSFiles: Sendable {
        public var certificatePEM: String
        public var keyPEM: String

        public init(certificatePEM: String, keyPEM: String) {
            self.certificatePEM = certificatePEM
            self.keyPEM = keyPEM
        }
    }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, tls: TLSFiles? = nil, maximumBodySize: Int = 1 << 20,
        connectionLimit: Int = 1000, idleTimeoutSeconds: Int = 60,
        workerThreads: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.maximumBodySize = maximumBodySize
        self.connectionLimit = connectionLimit
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.workerThreads = workerThreads
    }
}
