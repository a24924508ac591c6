import CCurl
import Foundation

/// E-mail through libcurl's SMTP client: `smtps://` with TLS from the start, `smtp://` with STARTTLS when
/// offered (required when a password is sent to a server that is not on this machine).
public struct CurlMailSender: MailSender {
    /// The name this machine gives in `EHLO`.
    public var clientName: String
    public var connectTimeout: Duration

    public init(clientName: String = ProcessInfo.processInfo.hostName, connectTimeout: Duration = .seconds(10)) {
        self.clientName = clientName.isEmpty ? "localhost" : clientName
        self.connectTimeout = connectTimeout
    }

    public func send(_ envelope: MailEnvelope, via server: SMTPServer, timeout: Duration) throws(TransferError) {
        guard !envelope.recipients.isEmpty else { throw .invalidRequest("no recipients") }
        let handle = try CurlHandle()
        let host = server.host.contains(":") ? "[\(server.host)]" : server.host
        // The URL's path is the name libcurl gives in EHLO.
        try handle.set(
            CURLOPT_URL, "\(server.implicitTLS ? "smtps" : "smtp")://\(host):\(server.port)/\(clientName)")
        try handle.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        if !server.implicitTLS {
            try handle.set(
                CURLOPT_USE_SSL, Int(server.requiresStartTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
        }
        if let username = server.username { try handle.set(CURLOPT_USERNAME, username) }
        if let password = server.password { try handle.set(CURLOPT_PASSWORD, password) }
        try handle.set(CURLOPT_MAIL_FROM, "<\(envelope.from)>")
        try handle.set(CURLOPT_MAIL_RCPT, list: envelope.recipients.map { "<\($0)>" })
        try handle.setUpload(envelope.message)
        try handle.set(CURLOPT_TIMEOUT_MS, timeout.milliseconds)
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, min(connectTimeout, timeout).milliseconds)
        let code = handle.perform()
        guard code == CURLE_OK else { throw .from(code, handle: handle, host: server.host, isMail: true) }
    }
}
