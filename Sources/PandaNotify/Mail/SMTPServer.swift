import Foundation

/// The mail server notifications go through, from `panda serve --smtp-url smtp[s]://[USER:PASS@]HOST:PORT`.
///
/// `smtps://` speaks TLS from the first byte (usually port 465). `smtp://` upgrades with STARTTLS when the
/// server offers it, and insists on it when a password is given, unless the server is on this machine
/// (a local relay), so a password never crosses a network in clear text.
public struct SMTPServer: Sendable, Equatable, CustomStringConvertible {
    /// True for `smtps://` (implicit TLS).
    public var implicitTLS: Bool
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public init(implicitTLS: Bool, host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.implicitTLS = implicitTLS
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Parses and checks `smtp[s]://[USER:PASS@]HOST:PORT` (user and password percent-encoded).
    public init(parsing text: String) throws(NotifyError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidSMTPURL("\"\(Self.redacted(text))\" is not a URL")
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw .invalidSMTPURL("the scheme is \"\(scheme)\"; use smtp or smtps")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidSMTPURL("the host is missing") }
        guard let port = components.port else { throw .invalidSMTPURL("the port is missing (e.g. :25, :587, :465)") }
        guard (1...65535).contains(port) else { throw .invalidSMTPURL("port \(port) is not from 1 to 65535") }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil
        else { throw .invalidSMTPURL("nothing may follow HOST:PORT") }
        if components.password != nil && (components.user ?? "").isEmpty {
            throw .invalidSMTPURL("a password needs a user name (USER:PASS@)")
        }
        self.init(
            implicitTLS: scheme == "smtps", host: host, port: port,
            username: components.user.flatMap { $0.isEmpty ? nil : $0 }, password: components.password)
    }

    /// The URL without credentials, for logs and messages.
    public var description: String {
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(implicitTLS ? "smtps" : "smtp")://\(username.map { "\($0)@" } ?? "")\(shownHost):\(port)"
    }

    /// True when the server is on this machine (no network to protect a password from).
    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// Whether STARTTLS is required on a plain `smtp://` connection (see the type's summary).
    public var requiresStartTLS: Bool { !implicitTLS && password != nil && !isLoopback }

    /// `text` with any `:password@` replaced, for error messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
