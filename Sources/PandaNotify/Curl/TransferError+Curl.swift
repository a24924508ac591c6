import CCurl
import Foundation

extension TransferError {
    /// What a failed libcurl transfer means, in one place for HTTP and SMTP.
    ///
    /// `code` is libcurl's result, `handle` gives the server's last reply code and the system error; for
    /// SMTP a reply of 400 or more is the server's refusal, whatever code libcurl chose for it.
    static func from(_ code: CURLcode, handle: CurlHandle, host: String, isMail: Bool) -> TransferError {
        let message = handle.message(for: code)
        let reply = handle.responseCode
        if isMail && reply >= 400 && code != CURLE_LOGIN_DENIED {
            return .rejected(code: reply, message: message)
        }
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidRequest(message)
        case CURLE_COULDNT_RESOLVE_HOST:
            return .cannotResolve(host)
        case CURLE_COULDNT_CONNECT:
            return handle.osErrno == ECONNREFUSED ? .connectionRefused : .unreachable(message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls(message)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionLost(message)
        case CURLE_LOGIN_DENIED:
            return .authenticationFailed(message)
        default:
            return .failed(message)
        }
    }
}
