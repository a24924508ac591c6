/// Why a webhook POST or an e-mail could not be delivered, in terms an operator can act on.
public enum TransferError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL or a request option was refused before anything was sent.
    case invalidRequest(String)
    /// The receiver's host name does not resolve.
    case cannotResolve(String)
    /// Nothing listens on the receiver's port.
    case connectionRefused
    /// The receiver could not be reached (no route, network down).
    case unreachable(String)
    /// No complete answer within the time limit.
    case timedOut
    /// The TLS handshake or certificate check failed.
    case tls(String)
    /// The connection broke in the middle of the exchange.
    case connectionLost(String)
    /// The webhook receiver answered with a status other than 2xx.
    case httpStatus(Int)
    /// The mail server refused the message (its reply code and text).
    case rejected(code: Int, message: String)
    /// The mail server refused the configured user name and password.
    case authenticationFailed(String)
    /// Anything else libcurl reported.
    case failed(String)

    /// True when trying again later cannot help: a malformed request, or a mail server's permanent (5xx)
    /// refusal. Everything else is retried on the schedule.
    public var isPermanent: Bool {
        switch self {
        case .invalidRequest: true
        case .rejected(let code, _): (500..<600).contains(code)
        default: false
        }
    }

    /// The HTTP status or SMTP reply code, when the receiver answered.
    public var statusCode: Int? {
        switch self {
        case .httpStatus(let code): code
        case .rejected(let code, _): code
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let text): "invalid request: \(text)"
        case .cannotResolve(let host): "cannot resolve host \(host)"
        case .connectionRefused: "connection refused"
        case .unreachable(let text): "unreachable: \(text)"
        case .timedOut: "timed out"
        case .tls(let text): "TLS failure: \(text)"
        case .connectionLost(let text): "connection lost: \(text)"
        case .httpStatus(let code): "HTTP status \(code)"
        case .rejected(let code, let message): "refused by the mail server (\(code)): \(message)"
        case .authenticationFailed(let text): "authentication failed: \(text)"
        case .failed(let text): text
        }
    }
}
