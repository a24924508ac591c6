/// One message for the mail server: the envelope and the RFC 5322 text (headers, blank line, body; CRLF).
public struct MailEnvelope: Sendable, Equatable {
    public var from: String
    public var recipients: [String]
    public var message: [UInt8]

    public init(from: String, recipients: [String], message: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}

/// Hands messages to an SMTP server: libcurl in the server, small fakes in tests.
public protocol MailSender: Sendable {
    /// Sends `envelope` through `server`; throws what failed.
    func send(_ envelope: MailEnvelope, via server: SMTPServer, timeout: Duration) throws(TransferError)
}
