import PandaCore

/// Why the admin HTTP server could not start.
public enum HTTPServerError: UserFacingError, Equatable {
    case invalidAddress(String)
    case cannotListen(host: String, port: Int)
    case cannotReadTLSFile(path: String)

    public var message: String {
        switch self {
        case .invalidAddress(let host):
            "the HTTP address \"\(host)\" is not an IPv4 or IPv6 address; use e.g. 127.0.0.1 or ::1"
        case .cannotListen(let host, let port):
            "cannot listen for HTTP on \(host):\(port) (address in use, not on this machine, or a bad TLS key or"
                + " certificate); choose another --http-port or --http-host"
        case .cannotReadTLSFile(let path):
            "cannot read \(path); --tls-cert and --tls-key take PEM files"
        }
    }
}
